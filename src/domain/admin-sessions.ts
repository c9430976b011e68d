// Server-side sessions of the contract administrator (管理者), kept in the database so that several server
// instances share them; the id and its hash are session-ids.ts's, as for every audience.

import { SESSION_TOUCH_INTERVAL_MS } from './policy.ts';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { readStore } from './read-store.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { USER_IDLE_TIMEOUT_MS } from './payment-policy.ts';
import { hashSessionId, newCsrfToken, newSessionId, type RandomBytes } from './session-ids.ts';
import type { ContractListing, SessionRecord, SessionWithContractFlags, SessionWithContractListing } from './store-ports.ts';

/** A session unused this long ends (PSD2 RTS Art. 4(3)(d) asks at most 5 minutes for payment steps; the admin's screens allow 10). */
export const ADMIN_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** However active, an admin session ends after this long and the admin logs in again. */
export const ADMIN_SESSION_MAX_MS = 60 * 60 * 1000;
export interface NewSession {
  /** Goes into the cookie only. */
  readonly id: string;
  readonly record: SessionRecord;
}

/** Sessions idle longer than the longest idle timeout are swept at every login. */
const SWEEP_IDLE_MS = Math.max(ADMIN_IDLE_TIMEOUT_MS, USER_IDLE_TIMEOUT_MS);

/**
 * Starts a session after a successful login, an administrator's (loginId null) or a user's. The session the
 * browser had before (if any) is deleted in the same transaction, so the id is always new at login (no
 * session fixation), and idle sessions of everyone are swept.
 */
export async function startSession(deps: DomainDeps, contractId: string, loginId: string | null, previousId: string | undefined, random: RandomBytes = nodeRandomBytes): Promise<NewSession> {
  const id = newSessionId(random);
  const nowMs = deps.now();
  const record: SessionRecord = {
    idHash: hashSessionId(id),
    contractId,
    loginId,
    csrfToken: newCsrfToken(random),
    createdAtMs: nowMs,
    lastSeenAtMs: nowMs,
    data: '{}',
  };
  await deps.store.transaction(async (tx) => {
    if (previousId !== undefined) await tx.sessions.delete(hashSessionId(previousId));
    await tx.sessions.deleteIdleSince(nowMs - SWEEP_IDLE_MS);
    await tx.sessions.insert(record);
  });
  return { id, record };
}

export function startAdminSession(deps: DomainDeps, contractId: string, previousId: string | undefined, random: RandomBytes = nodeRandomBytes): Promise<NewSession> {
  return startSession(deps, contractId, null, previousId, random);
}

export type SessionLookup =
  | { readonly kind: 'active'; readonly session: SessionRecord }
  | { readonly kind: 'expired'; readonly contractId: string }
  | { readonly kind: 'none' };

/** The contract's secrets the bank's 暗証番号再発行 left to be changed before anything else. */
export type AdminMustChange = SessionWithContractFlags['mustChange'];

export type AdminSessionLookup =
  | {
      readonly kind: 'active';
      readonly session: SessionRecord;
      readonly mustChange: AdminMustChange;
      /** The contract's listing, read with the session, when asked for and the session needed no write. */
      readonly listing?: ContractListing;
    }
  | Exclude<SessionLookup, { readonly kind: 'active' }>;

/**
 * Finds the admin session of a cookie's id, with what its contract must change first, and marks it used
 * now. An idle or too old session is deleted and its end audited as a timeout. `withListing`: read the
 * contract's listing in the same statement, for a screen that shows it (one round trip instead of two).
 */
export async function resumeAdminSession(deps: DomainDeps, id: string, ip: string, withListing = false): Promise<AdminSessionLookup> {
  const idHash = hashSessionId(id);
  // Most requests change nothing: the session exists (not ended nor revoked, as of the latest commit), is
  // within both timeouts and was marked used less than SESSION_TOUCH_INTERVAL_MS ago. They only read, and
  // in one statement with the contract's must-change flags; the rest take the transaction below, which
  // reads both again and decides there.
  const seen: SessionWithContractFlags | SessionWithContractListing | undefined = await readStore(deps.store, (tx) =>
    withListing ? tx.sessions.getWithContractListing(idHash) : tx.sessions.getWithContractFlags(idHash));
  if (seen === undefined || seen.session.loginId !== null) return { kind: 'none' };
  const seenAtMs = deps.now();
  const { lastSeenAtMs, createdAtMs } = seen.session;
  const current = seenAtMs - lastSeenAtMs <= ADMIN_IDLE_TIMEOUT_MS && seenAtMs - createdAtMs <= ADMIN_SESSION_MAX_MS;
  if (current && seenAtMs - lastSeenAtMs < SESSION_TOUCH_INTERVAL_MS) return { kind: 'active', ...seen };
  return deps.store.transaction(async (tx): Promise<AdminSessionLookup> => {
    const found = await tx.sessions.getWithContractFlags(idHash);
    if (found === undefined || found.session.loginId !== null) return { kind: 'none' };
    const { session, mustChange } = found;
    const nowMs = deps.now();
    if (nowMs - session.lastSeenAtMs > ADMIN_IDLE_TIMEOUT_MS || nowMs - session.createdAtMs > ADMIN_SESSION_MAX_MS) {
      await tx.sessions.delete(idHash);
      await appendAudit(tx, nowMs, { chain: session.contractId, actor: `admin:${session.contractId}`, ip, action: 'admin.logout', target: session.contractId, outcome: 'timeout' });
      return { kind: 'expired', contractId: session.contractId };
    }
    const touched = nowMs - session.lastSeenAtMs >= SESSION_TOUCH_INTERVAL_MS;
    if (touched) await tx.sessions.touch(idHash, nowMs);
    return { kind: 'active', session: touched ? { ...session, lastSeenAtMs: nowMs } : session, mustChange };
  });
}

/** ログアウト: the session ends at once, with its audit entry. */
export async function endAdminSession(deps: DomainDeps, who: Actor, session: SessionRecord): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.sessions.delete(session.idHash);
    await appendAudit(tx, deps.now(), { chain: session.contractId, ...who, action: 'admin.logout', target: session.contractId, outcome: 'logged_out' });
  });
}
