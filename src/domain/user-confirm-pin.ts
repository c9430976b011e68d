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
 * locked PIN is counted and audited in one transaction (lockout.ts), because no payment happens; a correct
 * one resets the count there, and the payment is audited with the payment.
 */
export async function checkUserConfirmPin(deps: DomainDeps, who: Actor, contractId: string, loginId: string, pin: string, action: string): Promise<UserPinCheck> {
  const check = await checkSecretWithLockout(
    deps.store,
    {
      peek: async (tx) => {
        const user = await tx.users.get(contractId, loginId);
        const failures = await tx.userPins.failures(contractId, loginId);
        return user === undefined ? undefined : { confirmPinHash: user.confirmPinHash, failures: failures ?? 0 };
      },
      isLocked: (attempt) => userPinIsLocked(attempt.failures),
      reserve: (tx) => tx.userPins.beginAttempt(contractId, loginId, MAX_USER_CONFIRM_PIN_FAILURES),
      reset: (tx) => tx.userPins.reset(contractId, loginId),
      hashOf: (attempt) => attempt.confirmPinHash,
      audit: async (tx, outcome, attempt) => {
        if (outcome === 'correct') return; // audited with the payment itself
        const after = attempt?.failures ?? MAX_USER_CONFIRM_PIN_FAILURES;
        await appendAudit(tx, deps.now(), {
          chain: contractId,
          ...who,
          action,
          target: loginId,
          outcome: outcome === 'locked' ? 'user_pin_locked' : 'user_pin_wrong',
          detail: { userPinFailures: after, userPinLockedNow: outcome === 'wrong' && after >= MAX_USER_CONFIRM_PIN_FAILURES },
        });
      },
    },
    pin,
  );
  if (check.kind === 'correct') return { ok: true };
  if (check.kind === 'unknown') return fail('payment_not_found');
  return fail(check.kind === 'locked' ? 'user_pin_locked' : 'user_pin_wrong', 'userConfirmPin');
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
