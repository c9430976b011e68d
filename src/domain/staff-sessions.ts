// Server-side sessions of bank staff (職員), apart from the customers' (their own table, so a staff id
// can never be read as a contract's). The id lives only in the cookie; the database holds its SHA-256.
// A session starts at stage `otp` (password accepted) or `enrol` (first login: a pending secret is made
// and sealed to this very session), and becomes `active` under a NEW id once the code is right.

import { SESSION_TOUCH_INTERVAL_MS } from './policy.ts';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { hashSessionId, newCsrfToken, newSessionId, type RandomBytes } from './session-ids.ts';
import type { StaffRecord, StaffSessionRecord, StaffSessionStage } from './staff-store-ports.ts';
import { pendingSecretName, STAFF_TOTP_SECRET_BYTES } from './staff-totp.ts';

/** A staff session unused this long ends (the console shows customers' data; 15 minutes idle). */
export const STAFF_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** However active, a staff session ends after a working day. */
export const STAFF_SESSION_MAX_MS = 10 * 60 * 60 * 1000;

export interface NewStaffSession {
  readonly id: string;
  readonly record: StaffSessionRecord;
}

/**
 * Starts a session at `stage` for `staffId`. `replacing` (the browser's previous session, if any) is
 * deleted in the same transaction, so every stage change gets a new id (no fixation); idle sessions of
 * everyone are swept.
 */
export async function startStaffSession(deps: DomainDeps, staffId: string, stage: StaffSessionStage, replacing: string | undefined, random: RandomBytes = nodeRandomBytes): Promise<NewStaffSession> {
  const id = newSessionId(random);
  const idHash = hashSessionId(id);
  const nowMs = deps.now();
  const pending = stage === 'enrol' ? deps.keyring.seal(pendingSecretName(idHash), random(STAFF_TOTP_SECRET_BYTES)) : null;
  const record: StaffSessionRecord = { idHash, staffId, stage, csrfToken: newCsrfToken(random), pending, createdAtMs: nowMs, lastSeenAtMs: nowMs };
  await deps.store.transaction(async (tx) => {
    if (replacing !== undefined) await tx.staffSessions.delete(hashSessionId(replacing));
    await tx.staffSessions.deleteIdleSince(nowMs - STAFF_IDLE_TIMEOUT_MS);
    await tx.staffSessions.insert(record);
  });
  return { id, record };
}

export type StaffSessionLookup =
  | { readonly kind: 'found'; readonly session: StaffSessionRecord; readonly staff: StaffRecord }
  | { readonly kind: 'expired' }
  | { readonly kind: 'none' };

/** The session of a cookie's id, marked used now; an idle or too old one ends here, audited as a timeout. */
export async function resumeStaffSession(deps: DomainDeps, id: string, ip: string): Promise<StaffSessionLookup> {
  const idHash = hashSessionId(id);
  return deps.store.transaction(async (tx): Promise<StaffSessionLookup> => {
    const session = await tx.staffSessions.get(idHash);
    if (session === undefined) return { kind: 'none' };
    const nowMs = deps.now();
    const staff = await tx.staff.get(session.staffId);
    const idle = nowMs - session.lastSeenAtMs > STAFF_IDLE_TIMEOUT_MS || nowMs - session.createdAtMs > STAFF_SESSION_MAX_MS;
    if (idle || staff === undefined || staff.disabled) {
      await tx.staffSessions.delete(idHash);
      await appendAudit(tx, nowMs, { chain: BANK_CHAIN, actor: `staff:${session.staffId}`, ip, action: 'staff.logout', target: session.staffId, outcome: idle ? 'timeout' : 'disabled' });
      return idle ? { kind: 'expired' } : { kind: 'none' };
    }
    const touched = nowMs - session.lastSeenAtMs >= SESSION_TOUCH_INTERVAL_MS;
    if (touched) await tx.staffSessions.touch(idHash, nowMs);
    return { kind: 'found', session: touched ? { ...session, lastSeenAtMs: nowMs } : session, staff };
  });
}

/** ログアウト: the session ends at once, with its audit entry. */
export async function endStaffSession(deps: DomainDeps, who: Actor, session: StaffSessionRecord): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.staffSessions.delete(session.idHash);
    await appendAudit(tx, deps.now(), { chain: BANK_CHAIN, ...who, action: 'staff.logout', target: session.staffId, outcome: 'logged_out' });
  });
}
