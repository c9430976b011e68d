// ロック解除 by the bank: the admin login lock, the ご契約先確認暗証番号 lock, a user's locks (login and
// 利用者確認暗証番号) or a token's lock, inside the caller's transaction. The CLI's `bizotp unlock` and the
// staff console's ロック解除 (directly or through an approval) both come here. product.md §2: only the bank
// lifts the contract's locks; a user's and a token's are otherwise the administrator's 「利用中止解除」.

import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import type { StoreTx } from './store-ports.ts';
import { unlockUserConfirmPin } from './user-confirm-pin.ts';
import { unlockToken, unlockUserLogin } from './users.ts';

export const LOCK_KINDS = ['admin_login', 'confirm_pin', 'user', 'token'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

export type LockTarget =
  | { readonly contractId: string; readonly kind: 'admin_login' | 'confirm_pin' }
  | { readonly contractId: string; readonly kind: 'user'; readonly loginId: string }
  | { readonly contractId: string; readonly kind: 'token'; readonly serial: string };

export type LiftLockFailure = Failure<'contract_not_found' | 'user_not_found' | 'token_not_found' | 'token_state'>;

function reasonOf(who: Actor): string | null {
  return 'reason' in who && typeof who.reason === 'string' ? who.reason : null;
}

/** What the lock belongs to, for the audit entry's target. */
export function lockedThing(target: LockTarget): string {
  switch (target.kind) {
    case 'user':
      return target.loginId;
    case 'token':
      return target.serial;
    default:
      return target.contractId;
  }
}

export async function liftLock(tx: StoreTx, who: Actor, nowMs: number, target: LockTarget): Promise<{ ok: true } | LiftLockFailure> {
  const { contractId } = target;
  if ((await tx.contracts.get(contractId)) === undefined) return fail('contract_not_found', 'contractId');
  if (target.kind === 'user') {
    const login = await unlockUserLogin(tx, who, nowMs, contractId, target.loginId);
    if (!login.ok) return login;
    await unlockUserConfirmPin(tx, who, nowMs, contractId, target.loginId);
  } else if (target.kind === 'token') {
    const token = await unlockToken(tx, who, nowMs, contractId, target.serial);
    if (!token.ok) return token;
  } else {
    if (target.kind === 'confirm_pin') await tx.contracts.resetConfirmPinFailures(contractId);
    else await tx.contracts.resetAdminLoginFailures(contractId);
    for (const chain of [BANK_CHAIN, contractId]) {
      await appendAudit(tx, nowMs, { chain, ...who, action: `unlock.${target.kind}`, target: contractId, outcome: 'unlocked' });
    }
  }
  // A staff member's action carries a 理由 (staff-actor.ts): one more entry on the contract's chain says it.
  const reason = reasonOf(who);
  if (reason !== null) {
    const what = lockedThing(target);
    await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'staff.unlock', target: what, outcome: 'unlocked', detail: { kind: target.kind, reason } });
  }
  return { ok: true };
}
