// 「利用中止解除」 on 「利用者情報選択」: lifts what stops one user, in one transaction: the user's login lock
// (consecutive wrong 利用者暗証番号), the lock of the 利用者確認暗証番号 (consecutive wrong PINs at payments
// before OTP use begins) and the lock of the token that applies to the user (consecutive wrong OTPs;
// under the shared form that is the contract's one token). product.md §2: the admin lifts a user's lock.

import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { MAX_LOGIN_FAILURES } from './policy.ts';
import type { StoreTx } from './store-ports.ts';
import { tokenIsLocked } from './user-overview.ts';
import { unlockUserConfirmPin, userPinIsLocked } from './user-confirm-pin.ts';
import { unlockToken, unlockUserLogin } from './users.ts';

export interface UserUnlocked {
  readonly ok: true;
  readonly loginUnlocked: boolean;
  readonly confirmPinUnlocked: boolean;
  /** The serial of the token unlocked, or null. */
  readonly tokenUnlocked: string | null;
}

export async function unlockUser(tx: StoreTx, who: Actor, nowMs: number, contractId: string, loginId: string): Promise<UserUnlocked | Failure<'user_not_found' | 'not_locked'>> {
  const user = await tx.users.get(contractId, loginId);
  const contract = await tx.contracts.get(contractId);
  if (user === undefined || contract === undefined) return fail('user_not_found', 'loginId');
  const active = await tx.registrations.active(contractId);
  const registration = contract.otpForm === 'shared' ? active.find((r) => r.form === 'shared') : active.find((r) => r.form === 'per_user' && r.loginId === loginId);
  const token = registration === undefined ? undefined : await tx.tokens.get(registration.serial);

  const loginLocked = user.loginFailures >= MAX_LOGIN_FAILURES;
  const pinLocked = userPinIsLocked((await tx.userPins.failures(contractId, loginId)) ?? 0);
  const tokenLocked = token !== undefined && tokenIsLocked(token);
  if (!loginLocked && !pinLocked && !tokenLocked) return fail('not_locked', 'loginId');
  if (loginLocked) await unlockUserLogin(tx, who, nowMs, contractId, loginId);
  if (pinLocked) await unlockUserConfirmPin(tx, who, nowMs, contractId, loginId);
  if (tokenLocked) {
    const unlocked = await unlockToken(tx, who, nowMs, contractId, token.serial);
    // The token was just read as locked in this transaction; anything else is a broken assumption.
    if (!unlocked.ok) throw new Error(`token ${token.serial} could not be unlocked: ${unlocked.code}`);
  }
  return { ok: true, loginUnlocked: loginLocked, confirmPinUnlocked: pinLocked, tokenUnlocked: tokenLocked ? token.serial : null };
}
