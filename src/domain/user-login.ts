// 利用者ログイン: ご契約先ID, 利用者ID and 利用者暗証番号 (product.md §2). 5 consecutive wrong passwords lock the
// user's login; the administrator's 「利用中止解除」 (users.ts unlockUserLogin) lifts it.

import { appendAnonymousAudit } from './anonymous-audit.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { hashSecret, verifySecret } from './password-hash.ts';
import { loginDelayMs, MAX_LOGIN_FAILURES } from './policy.ts';
import type { LoginDelayed } from './login-delay.ts';
import type { UserRecord } from './store-ports.ts';
import { type TriesLeft, triesLeft } from './tries-left.ts';

// A hash of a random value, checked when the user is unknown, so the answer takes as long as a wrong
// password's and says the same (no enumeration of users).
let decoyHash: Promise<string> | undefined;

export async function userLogin(
  deps: DomainDeps,
  who: Actor,
  contractId: string,
  loginId: string,
  password: string,
): Promise<{ ok: true; user: UserRecord } | (Failure<'user_login_failed' | 'user_login_locked'> & TriesLeft) | LoginDelayed> {
  const nowMs = deps.now();
  const check = await checkSecretWithLockout(
    deps.store,
    {
      peek: (tx) => tx.users.get(contractId, loginId),
      isLocked: (u) => u.loginFailures >= MAX_LOGIN_FAILURES,
      reserve: (tx) => tx.users.beginLoginAttempt(contractId, loginId, MAX_LOGIN_FAILURES, nowMs),
      delay: {
        nowMs,
        notBeforeOf: (u) => u.loginNotBeforeMs,
        delayMsAfter: (u) => loginDelayMs(u.loginFailures),
        postpone: (tx, untilMs) => tx.users.delayLogin(contractId, loginId, untilMs),
      },
      reset: (tx) => tx.users.resetLoginFailures(contractId, loginId),
      hashOf: (u) => u.passwordHash,
      audit: async (tx, outcome, u) => {
        const failures = outcome === 'wrong' ? (u?.loginFailures ?? null) : null;
        await appendAudit(tx, deps.now(), {
          chain: contractId,
          ...who,
          action: 'user.login',
          target: loginId,
          outcome: outcome === 'correct' ? 'success' : outcome === 'locked' ? 'user_login_locked' : outcome === 'delayed' ? 'login_delayed' : 'user_login_failed',
          detail: { loginFailures: failures, lockedNow: failures !== null && failures >= MAX_LOGIN_FAILURES },
        });
      },
    },
    password,
  );
  if (check.kind === 'unknown') {
    decoyHash ??= hashSecret('decoy-user-password', deps.hashCost);
    await verifySecret(password, await decoyHash);
    await deps.store.transaction(async (tx) => {
      // Only a contract that exists has a chain; a made-up ご契約先ID must not create one.
      if ((await tx.contracts.get(contractId)) === undefined) return;
      await appendAnonymousAudit(tx, deps.now(), { chain: contractId, ...who, action: 'user.login', target: loginId, outcome: 'unknown_user' });
    });
    return fail('user_login_failed');
  }
  if (check.kind === 'correct') return { ok: true, user: check.record };
  if (check.kind === 'locked') return fail('user_login_locked');
  if (check.kind === 'delayed') return { ...fail('login_delayed'), retryAfterSeconds: check.retryAfterSeconds };
  return { ...fail('user_login_failed'), triesLeft: triesLeft(check.record.loginFailures, MAX_LOGIN_FAILURES) };
}
