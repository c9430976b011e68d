// The audit log: append-only and tamper-evident (ASVS 4.0.3 7.3.3). Each chain (one per contract, one for
// the bank) links every entry to the previous one by hash, and each entry is written in the transaction of
// the action it records (ASVS 4.0.3 7.1.3), so an action and its record commit or vanish together.

import { createHash } from 'node:crypto';
import type { AuditEntry, StoreTx } from './store-ports.ts';

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

export function hashAuditEntry(e: Omit<AuditEntry, 'hash'>): string {
  const fields = [e.chain, String(e.seq), String(e.atMs), e.actor, e.action, e.target, e.outcome, e.detail, e.ip, e.prevHash];
  const h = createHash('sha256');
  for (const f of fields) h.update(`${Buffer.byteLength(f)}:${f};`);
  return h.digest('hex');
}

export async function appendAudit(tx: StoreTx, atMs: number, event: AuditEvent): Promise<AuditEntry> {
  const head = await tx.audit.lockHead(event.chain);
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
  const entry: AuditEntry = { ...body, hash: hashAuditEntry(body) };
  await tx.audit.append(entry);
  return entry;
}

export interface AuditProblem {
  readonly chain: string;
  readonly seq: number;
  readonly kind: 'edited' | 'deleted_or_reordered' | 'head_mismatch';
  readonly message: string;
}

/**
 * Walks each chain in seq order: an entry whose hash does not match its content was edited; an entry
 * whose seq or prev_hash does not follow its predecessor marks a deletion or a reordering; a head that
 * does not point at the last entry means entries at the end were removed.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], head: { seq: number; hash: string } | undefined): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let prevSeq = 0;
  let prevHash = '';
  const chain = entries[0]?.chain ?? '';
  for (const e of entries) {
    const { hash, ...body } = e;
    if (hashAuditEntry(body) !== hash) {
      problems.push({ chain: e.chain, seq: e.seq, kind: 'edited', message: `entry ${e.chain}#${e.seq} was altered` });
    }
    if (e.seq !== prevSeq + 1 || e.prevHash !== prevHash) {
      problems.push({
        chain: e.chain,
        seq: e.seq,
        kind: 'deleted_or_reordered',
        message: `entry ${e.chain}#${e.seq} does not follow #${prevSeq}: an entry before it was deleted, or entries were reordered`,
      });
    }
    prevSeq = e.seq;
    prevHash = hash;
  }
  if (head !== undefined && (head.seq !== prevSeq || head.hash !== prevHash)) {
    problems.push({ chain, seq: head.seq, kind: 'head_mismatch', message: `chain ${chain} ends at #${prevSeq} but its head says #${head.seq}: entries at the end were deleted` });
  }
  return problems;
}
