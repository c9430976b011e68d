// The ご契約先確認暗証番号 confirms every administrator operation. 5 consecutive wrong PINs lock it and only
// the bank unlocks (product.md §2); a correct PIN is refused while locked.

import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { MAX_CONFIRM_PIN_FAILURES } from './policy.ts';
import type { ContractRecord } from './store-ports.ts';

export type PinCheck = { readonly ok: true; readonly contract: ContractRecord } | Failure<'pin_wrong' | 'pin_locked' | 'contract_not_found'>;

/**
 * Checks the PIN for `action`. A wrong or locked PIN is audited here, in its own transaction, because the
 * action does not happen; a correct one is reset and audited by the caller together with the action.
 */
export async function checkConfirmPin(deps: DomainDeps, who: Actor, contractId: string, pin: string, action: string): Promise<PinCheck> {
  const check = await checkSecretWithLockout(
    deps.store,
    (tx) => tx.contracts.beginConfirmPinAttempt(contractId, MAX_CONFIRM_PIN_FAILURES),
    async (tx) => (await tx.contracts.get(contractId)) !== undefined,
    (c) => c.confirmPinHash,
    pin,
  );
  if (check.kind === 'correct') return { ok: true, contract: check.record };
  if (check.kind === 'unknown') return fail('contract_not_found');
  const code = check.kind === 'locked' ? 'pin_locked' : 'pin_wrong';
  await deps.store.transaction(async (tx) => {
    const after = check.kind === 'wrong' ? check.record.confirmPinFailures : MAX_CONFIRM_PIN_FAILURES;
    await appendAudit(tx, deps.now(), {
      chain: contractId,
      ...who,
      action,
      outcome: code,
      detail: { confirmPinFailures: after, pinLockedNow: check.kind === 'wrong' && after >= MAX_CONFIRM_PIN_FAILURES },
    });
  });
  return fail(code, 'confirmPin');
}

/**
 * Runs an administrator operation once the ご契約先確認暗証番号 is correct: the PIN's failure count is reset
 * in the same transaction as the operation.
 */
export async function withConfirmPin<R>(
  deps: DomainDeps,
  who: Actor,
  contractId: string,
  pin: string,
  action: string,
  operation: (tx: import('./store-ports.ts').StoreTx, contract: ContractRecord, nowMs: number) => Promise<R>,
): Promise<R | Failure<'pin_wrong' | 'pin_locked' | 'contract_not_found'>> {
  const check = await checkConfirmPin(deps, who, contractId, pin, action);
  if (!check.ok) return check;
  return deps.store.transaction(async (tx) => {
    await tx.contracts.resetConfirmPinFailures(contractId);
    return operation(tx, check.contract, deps.now());
  });
}
