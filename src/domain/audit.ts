// The audit log: append-only and tamper-evident (ASVS 4.0.3 7.3.3). Each chain (one per contract, one for
// the bank) links every entry to the previous one by an HMAC under the audit key (audit-entry-hash.ts), and
// each entry is written in the transaction of the action it records (ASVS 4.0.3 7.1.3), so an action and its
// record commit or vanish together. Verification: verify-audit-log.ts; checkpoints: audit-checkpoint.ts.

import { hashAuditEntry, sealAuditEntry } from './audit-entry-hash.ts';
import type { AuditKeys } from './audit-keys.ts';
import type { AuditEntry, AuditHead, StoreTx } from './store-ports.ts';

export { hashAuditEntry } from './audit-entry-hash.ts';

export const BANK_CHAIN = 'bank';

export interface AuditEvent {
  readonly chain: string;
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly outcome: string;
  /** Never a secret, an OTP, a PIN or a session id. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
  readonly ip?: string;
}

export async function appendAudit(tx: StoreTx, atMs: number, event: AuditEvent): Promise<AuditEntry> {
  const entry = sealAuditEvent(tx.audit.keys, await tx.audit.lockHead(event.chain), atMs, event);
  await tx.audit.append(entry);
  return entry;
}

/** The entry that follows `head` on its chain: sealed with the audit keys, or in the unkeyed form without them. */
export function sealAuditEvent(keys: AuditKeys | undefined, head: AuditHead, atMs: number, event: AuditEvent): AuditEntry {
  const body: Omit<AuditEntry, 'hash'> = {
    chain: event.chain,
    seq: head.seq + 1,
    atMs,
    actor: event.actor,
    action: event.action,
    target: event.target ?? '',
    outcome: event.outcome,
    detail: JSON.stringify(event.detail ?? {}),
    ip: event.ip ?? '',
    prevHash: head.hash,
  };
  return keys === undefined
    ? { ...body, hash: hashAuditEntry(body) }
    : { ...body, keyId: keys.currentKeyId, hash: sealAuditEntry(keys, { ...body, keyId: keys.currentKeyId }) };
}
