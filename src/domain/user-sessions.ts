// Server-side sessions of users (利用者), in the same table as the administrator's (loginId set), so every
// server instance shares them. The id lives only in the cookie; the database holds its SHA-256. The idle
// timeout is 5 minutes, because every user screen leads to a payment (PSD2 RTS Art. 4(3)(d)).

import { SESSION_TOUCH_INTERVAL_MS } from './policy.ts';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { startSession, type NewSession, type SessionLookup } from './admin-sessions.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { USER_IDLE_TIMEOUT_MS, USER_SESSION_MAX_MS } from './payment-policy.ts';
import { hashSessionId, type RandomBytes } from './session-ids.ts';
import type { SessionRecord } from './store-ports.ts';

export function userActorName(loginId: string): string {
  return `user:${loginId}`;
}

/** After a successful login: a new id (no fixation); the browser's previous session, if any, ends. */
export function startUserSession(deps: DomainDeps, contractId: string, loginId: string, previousId: string | undefined, random: RandomBytes = nodeRandomBytes): Promise<NewSession> {
  return startSession(deps, contractId, loginId, previousId, random);
}

/**
 * The user session of a cookie's id, marked used now. An idle or too old session is deleted and its end
 * audited; so is the session of a user who no longer exists (登録抹消).
 */
export async function resumeUserSession(deps: DomainDeps, id: string, ip: string): Promise<SessionLookup> {
  const idHash = hashSessionId(id);
  return deps.store.transaction(async (tx): Promise<SessionLookup> => {
    const session = await tx.sessions.get(idHash);
    if (session === undefined || session.loginId === null) return { kind: 'none' };
    const nowMs = deps.now();
    const idle = nowMs - session.lastSeenAtMs > USER_IDLE_TIMEOUT_MS || nowMs - session.createdAtMs > USER_SESSION_MAX_MS;
    const gone = !idle && (await tx.users.get(session.contractId, session.loginId)) === undefined;
    if (idle || gone) {
      await tx.sessions.delete(idHash);
      await appendAudit(tx, nowMs, { chain: session.contractId, actor: userActorName(session.loginId), ip, action: 'user.logout', target: session.loginId, outcome: idle ? 'timeout' : 'user_gone' });
      return idle ? { kind: 'expired', contractId: session.contractId } : { kind: 'none' };
    }
    const touched = nowMs - session.lastSeenAtMs >= SESSION_TOUCH_INTERVAL_MS;
    if (touched) await tx.sessions.touch(idHash, nowMs);
    return { kind: 'active', session: touched ? { ...session, lastSeenAtMs: nowMs } : session };
  });
}

/** ログアウト: the session ends at once, with its audit entry. */
export async function endUserSession(deps: DomainDeps, who: Actor, session: SessionRecord): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.sessions.delete(session.idHash);
    await appendAudit(tx, deps.now(), { chain: session.contractId, ...who, action: 'user.logout', target: session.loginId ?? '', outcome: 'logged_out' });
  });
}
