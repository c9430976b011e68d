// The 利用者確認暗証番号 authorises a user's payments until the contract's OTP use begins (product.md §2).
// 5 consecutive wrong PINs stop the user's payments (NIST 800-63B §5.2.2) until the administrator's
// 「利用中止解除」 (unlockUserConfirmPin); a correct PIN is refused while locked.

import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { MAX_USER_CONFIRM_PIN_FAILURES } from './payment-policy.ts';
import type { StoreTx } from './store-ports.ts';

export type UserPinCheck = { readonly ok: true } | Failure<'user_pin_wrong' | 'user_pin_locked' | 'payment_not_found'>;

/**
 * Checks the PIN before the payment's transaction (Argon2id must not run while rows are locked). A wrong or
 * locked PIN is audited here, in its own transaction, because no payment happens; a correct one is reset
 * by the caller in the payment's transaction.
 */
export async function checkUserConfirmPin(deps: DomainDeps, who: Actor, contractId: string, loginId: string, pin: string, action: string): Promise<UserPinCheck> {
  const check = await checkSecretWithLockout(
    deps.store,
    (tx) => tx.userPins.beginAttempt(contractId, loginId, MAX_USER_CONFIRM_PIN_FAILURES),
    async (tx) => (await tx.users.get(contractId, loginId)) !== undefined,
    (attempt) => attempt.confirmPinHash,
    pin,
  );
  if (check.kind === 'correct') return { ok: true };
  if (check.kind === 'unknown') return fail('payment_not_found');
  const code = check.kind === 'locked' ? 'user_pin_locked' : 'user_pin_wrong';
  await deps.store.transaction(async (tx) => {
    const after = check.kind === 'wrong' ? check.record.failures : MAX_USER_CONFIRM_PIN_FAILURES;
    await appendAudit(tx, deps.now(), {
      chain: contractId,
      ...who,
      action,
      target: loginId,
      outcome: code,
      detail: { userPinFailures: after, userPinLockedNow: check.kind === 'wrong' && after >= MAX_USER_CONFIRM_PIN_FAILURES },
    });
  });
  return fail(code, 'userConfirmPin');
}

export function userPinIsLocked(failures: number): boolean {
  return failures >= MAX_USER_CONFIRM_PIN_FAILURES;
}

/** 「利用中止解除」 of the 利用者確認暗証番号; returns whether it was locked. For the admin's unlockUser. */
export async function unlockUserConfirmPin(tx: StoreTx, who: Actor, nowMs: number, contractId: string, loginId: string): Promise<boolean> {
  const failures = await tx.userPins.failures(contractId, loginId);
  if (failures === undefined || !userPinIsLocked(failures)) return false;
  await tx.userPins.reset(contractId, loginId);
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'user.unlock_pin', target: loginId, outcome: 'unlocked' });
  return true;
}
