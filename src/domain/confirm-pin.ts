// The ご契約先確認暗証番号 confirms every administrator operation. 5 consecutive wrong PINs lock it and only
// the bank unlocks (product.md §2); a correct PIN is refused while locked.

import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { MAX_CONFIRM_PIN_FAILURES } from './policy.ts';
import type { ContractRecord, StoreTx } from './store-ports.ts';

export type PinCheck = { readonly ok: true; readonly contract: ContractRecord } | Failure<'pin_wrong' | 'pin_locked' | 'contract_not_found' | 'pin_must_change'>;

/**
 * Checks the PIN for `action`. A wrong or locked PIN is counted and audited in one transaction, because the
 * action does not happen; a correct one is reset there, and the caller audits the action it authorises.
 */
export async function checkConfirmPin(deps: DomainDeps, who: Actor, contractId: string, pin: string, action: string): Promise<PinCheck> {
  const check = await checkSecretWithLockout(
    deps.store,
    {
      peek: (tx) => tx.contracts.get(contractId),
      isLocked: (c) => c.confirmPinFailures >= MAX_CONFIRM_PIN_FAILURES,
      reserve: (tx) => tx.contracts.beginConfirmPinAttempt(contractId, MAX_CONFIRM_PIN_FAILURES),
      reset: (tx) => tx.contracts.resetConfirmPinFailures(contractId),
      hashOf: (c) => c.confirmPinHash,
      audit: async (tx, outcome, c) => {
        if (outcome === 'correct') return; // audited with the action itself
        const after = c?.confirmPinFailures ?? MAX_CONFIRM_PIN_FAILURES;
        await appendAudit(tx, deps.now(), {
          chain: contractId,
          ...who,
          action,
          outcome: outcome === 'locked' ? 'pin_locked' : 'pin_wrong',
          detail: { confirmPinFailures: after, pinLockedNow: outcome === 'wrong' && after >= MAX_CONFIRM_PIN_FAILURES },
        });
      },
    },
    pin,
  );
  // A value the bank reset is for changing it only: it confirms nothing until changed (reset-credential.ts).
  if (check.kind === 'correct' && check.record.confirmPinMustChange) return fail('pin_must_change', 'confirmPin');
  if (check.kind === 'correct') return { ok: true, contract: check.record };
  if (check.kind === 'unknown') return fail('contract_not_found');
  return fail(check.kind === 'locked' ? 'pin_locked' : 'pin_wrong', 'confirmPin');
}

/**
 * In the transaction of the operation a correct PIN authorises: takes the contract's row lock and refuses
 * when wrong PINs committed since the check (a request already in flight) have locked the PIN. The count is
 * not reset here: it was reset where the PIN was found correct, and a later wrong one must stand.
 */
export async function holdUnlockedConfirmPin(
  tx: StoreTx,
  who: Actor,
  nowMs: number,
  contractId: string,
  action: string,
): Promise<{ readonly ok: true; readonly contract: ContractRecord } | Failure<'pin_locked' | 'contract_not_found'>> {
  const contract = await tx.contracts.holdConfirmPinUnlocked(contractId, MAX_CONFIRM_PIN_FAILURES);
  if (contract !== undefined) return { ok: true, contract };
  const current = await tx.contracts.get(contractId);
  if (current === undefined) return fail('contract_not_found');
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action, outcome: 'pin_locked', detail: { confirmPinFailures: current.confirmPinFailures, pinLockedNow: false } });
  return fail('pin_locked', 'confirmPin');
}

/** Runs an administrator operation once the ご契約先確認暗証番号 is correct, while it is still not locked. */
export async function withConfirmPin<R>(
  deps: DomainDeps,
  who: Actor,
  contractId: string,
  pin: string,
  action: string,
  operation: (tx: StoreTx, contract: ContractRecord, nowMs: number) => Promise<R>,
): Promise<R | Failure<'pin_wrong' | 'pin_locked' | 'contract_not_found' | 'pin_must_change'>> {
  const check = await checkConfirmPin(deps, who, contractId, pin, action);
  if (!check.ok) return check;
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.now();
    // The contract as it is now, under the row lock, not as the PIN check saw it.
    const held = await holdUnlockedConfirmPin(tx, who, nowMs, contractId, action);
    if (!held.ok) return held;
    return operation(tx, held.contract, nowMs);
  });
}
