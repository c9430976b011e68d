// The four 暗証番号 a customer changes and the bank resets: the administrator's ご契約先暗証番号 and the
// contract's ご契約先確認暗証番号, and each user's 利用者暗証番号 and 利用者確認暗証番号. Each has the lock it
// already had (product.md §2, §4): a wrong current value typed on a change screen counts toward that same lock.

import { appendAudit } from './audit.ts';
import type { Actor } from './deps.ts';
import type { ErrorCode } from './error-codes.ts';
import type { LockedSecret } from './lockout.ts';
import { MAX_USER_CONFIRM_PIN_FAILURES } from './payment-policy.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from './policy.ts';
import type { StoreTx } from './store-ports.ts';

export const CREDENTIAL_KINDS = ['admin_password', 'confirm_pin', 'user_password', 'user_confirm_pin'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export type CredentialTarget =
  | { readonly kind: 'admin_password' | 'confirm_pin'; readonly contractId: string }
  | { readonly kind: 'user_password' | 'user_confirm_pin'; readonly contractId: string; readonly loginId: string };

/** A secret as its lock sees it. */
export interface SecretState {
  readonly hash: string;
  readonly failures: number;
}

interface Rules {
  readonly maxFailures: number;
  readonly lockedCode: ErrorCode;
  /** A password (not a PIN): changing or resetting it ends the person's sessions. */
  readonly isPassword: boolean;
}

export const CREDENTIAL_RULES = {
  admin_password: { maxFailures: MAX_LOGIN_FAILURES, lockedCode: 'login_locked', isPassword: true },
  confirm_pin: { maxFailures: MAX_CONFIRM_PIN_FAILURES, lockedCode: 'pin_locked', isPassword: false },
  user_password: { maxFailures: MAX_LOGIN_FAILURES, lockedCode: 'user_login_locked', isPassword: true },
  user_confirm_pin: { maxFailures: MAX_USER_CONFIRM_PIN_FAILURES, lockedCode: 'user_pin_locked', isPassword: false },
} as const satisfies Record<CredentialKind, Rules>;

export function loginIdOf(target: CredentialTarget): string | null {
  return 'loginId' in target ? target.loginId : null;
}

/** What the audit entry names: the contract for its own secrets, the user for theirs. */
export function auditTargetOf(target: CredentialTarget): string {
  return loginIdOf(target) ?? target.contractId;
}

/** The lock of the secret, as checkSecretWithLockout takes it; `action` names the audit entry of a wrong try. */
export function lockOf(target: CredentialTarget, who: Actor, nowMs: () => number, action: string): LockedSecret<SecretState> {
  const { contractId } = target;
  const max = CREDENTIAL_RULES[target.kind].maxFailures;
  const audit = async (tx: StoreTx, outcome: 'correct' | 'wrong' | 'locked', s: SecretState | undefined): Promise<void> => {
    if (outcome === 'correct') return; // audited with the change itself
    const failures = s?.failures ?? max;
    await appendAudit(tx, nowMs(), {
      chain: contractId, ...who, action, target: auditTargetOf(target),
      outcome: outcome === 'locked' ? CREDENTIAL_RULES[target.kind].lockedCode : 'current_secret_wrong',
      detail: { secret: target.kind, failures, lockedNow: outcome === 'wrong' && failures >= max },
    });
  };
  if (!('loginId' in target)) {
    const admin = target.kind === 'admin_password';
    const state = (c: { adminPasswordHash: string; confirmPinHash: string; adminLoginFailures: number; confirmPinFailures: number } | undefined): SecretState | undefined =>
      c === undefined ? undefined : admin ? { hash: c.adminPasswordHash, failures: c.adminLoginFailures } : { hash: c.confirmPinHash, failures: c.confirmPinFailures };
    return {
      peek: async (tx) => state(await tx.contracts.get(contractId)),
      isLocked: (s) => s.failures >= max,
      reserve: async (tx) => state(admin ? await tx.contracts.beginAdminLoginAttempt(contractId, max) : await tx.contracts.beginConfirmPinAttempt(contractId, max)),
      reset: (tx) => (admin ? tx.contracts.resetAdminLoginFailures(contractId) : tx.contracts.resetConfirmPinFailures(contractId)),
      hashOf: (s) => s.hash,
      audit,
    };
  }
  const { loginId } = target;
  if (target.kind === 'user_password') {
    return {
      peek: async (tx) => {
        const u = await tx.users.get(contractId, loginId);
        return u === undefined ? undefined : { hash: u.passwordHash, failures: u.loginFailures };
      },
      isLocked: (s) => s.failures >= max,
      reserve: async (tx) => {
        const u = await tx.users.beginLoginAttempt(contractId, loginId, max);
        return u === undefined ? undefined : { hash: u.passwordHash, failures: u.loginFailures };
      },
      reset: (tx) => tx.users.resetLoginFailures(contractId, loginId),
      hashOf: (s) => s.hash,
      audit,
    };
  }
  return {
    peek: async (tx) => {
      const u = await tx.users.get(contractId, loginId);
      const failures = await tx.userPins.failures(contractId, loginId);
      return u === undefined ? undefined : { hash: u.confirmPinHash, failures: failures ?? 0 };
    },
    isLocked: (s) => s.failures >= max,
    reserve: async (tx) => {
      const a = await tx.userPins.beginAttempt(contractId, loginId, max);
      return a === undefined ? undefined : { hash: a.confirmPinHash, failures: a.failures };
    },
    reset: (tx) => tx.userPins.reset(contractId, loginId),
    hashOf: (s) => s.hash,
    audit,
  };
}

/** Stores the new hash and its must-change flag (only over `expectedHash` when given); false when no row changed. */
export function storeSecret(tx: StoreTx, target: CredentialTarget, hash: string, mustChange: boolean, expectedHash?: string): Promise<boolean> {
  if (!('loginId' in target)) return tx.contracts.setSecret(target.contractId, target.kind, hash, mustChange, expectedHash);
  return tx.users.setSecret(target.contractId, target.loginId, target.kind === 'user_password' ? 'password' : 'confirm_pin', hash, mustChange, expectedHash);
}

/** Sets the secret's failure count back to 0 (its lock lifted). */
export function liftLock(tx: StoreTx, target: CredentialTarget): Promise<void> {
  switch (target.kind) {
    case 'admin_password':
      return tx.contracts.resetAdminLoginFailures(target.contractId);
    case 'confirm_pin':
      return tx.contracts.resetConfirmPinFailures(target.contractId);
    default:
      if (!('loginId' in target)) throw new TypeError('a user secret without a user');
      return target.kind === 'user_password' ? tx.users.resetLoginFailures(target.contractId, target.loginId) : tx.userPins.reset(target.contractId, target.loginId);
  }
}
