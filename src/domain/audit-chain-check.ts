// Checks one audit chain entry by entry, in seq order, holding only the previous entry: verification streams
// the log in pages and never needs a whole chain in memory nor a lock on it (verify-audit-log.ts).
//
// What each check catches (ASVS 4.0.3 7.3.3):
// - an entry whose HMAC (or, before the audit key, SHA-256) does not match its content: edited;
// - an entry whose seq or prev_hash does not follow its predecessor: deleted before it, or reordered;
// - an unkeyed entry after a keyed one: written by someone without the audit key;
// - the chain's head row ahead of the last entry, or pointing at another hash: entries at the end deleted;
// - a signed checkpoint (audit-checkpoint.ts) whose (seq, hash) the chain no longer has: truncated,
//   rewritten, or, for a chain with no entry left at all, deleted with its head.

import { checkAuditEntryHash } from './audit-entry-hash.ts';
import type { AuditKeys } from './audit-keys.ts';
import type { AuditEntry, AuditHead } from './store-ports.ts';

export type AuditProblemKind =
  | 'edited'
  | 'deleted_or_reordered'
  | 'head_mismatch'
  | 'unknown_key'
  | 'unkeyed_after_keyed'
  | 'checkpoint_mismatch'
  | 'truncated'
  | 'chain_deleted';

export interface AuditProblem {
  readonly chain: string;
  readonly seq: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

/** One chain's position as a signed checkpoint saw it. */
export interface CheckpointMark {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
  /** When the checkpoint was made (ISO 8601 UTC), to name it in messages. */
  readonly time: string;
}

export interface ChainSummary {
  readonly chain: string;
  readonly entries: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  /** The seq before which the chain's entries are unkeyed (written before the audit key); null when none are. */
  readonly unkeyedBefore: number | null;
  readonly problems: readonly AuditProblem[];
}

export interface ChainCheck {
  push(entry: AuditEntry): void;
  finish(): ChainSummary;
}

/**
 * `head` is the chain's head row read before the first entry (undefined when missing): entries appended
 * while the check runs come after it, so they never look like a mismatch.
 */
export function createChainCheck(chain: string, keys: AuditKeys, head: AuditHead | undefined, marks: readonly CheckpointMark[] = []): ChainCheck {
  const problems: AuditProblem[] = [];
  const bySeq = new Map<number, CheckpointMark[]>();
  for (const m of marks) bySeq.set(m.seq, [...(bySeq.get(m.seq) ?? []), m]);
  let entries = 0;
  let prevSeq = 0;
  let prevHash = '';
  let keyedSeen = false;
  let unkeyedBefore: number | null = null;
  const unknownKeys = new Set<string>(); // named once per chain, not once per entry
  const at = (seq: number, kind: AuditProblemKind, message: string): void => {
    problems.push({ chain, seq, kind, message });
  };

  return {
    push(e) {
      entries += 1;
      const hashCheck = checkAuditEntryHash(keys, e);
      if (hashCheck === 'altered') at(e.seq, 'edited', `entry ${chain}#${e.seq} was altered`);
      if (hashCheck === 'unknown_key' && !unknownKeys.has(e.keyId ?? '')) {
        unknownKeys.add(e.keyId ?? '');
        at(e.seq, 'unknown_key', `entry ${chain}#${e.seq} (and any later one under the same key) is sealed under key ${e.keyId}, which is not configured`);
      }
      if (e.keyId === undefined && keyedSeen) {
        at(e.seq, 'unkeyed_after_keyed', `entry ${chain}#${e.seq} is unkeyed after keyed entries: written without the audit key`);
      }
      if (e.keyId === undefined && !keyedSeen) unkeyedBefore = e.seq + 1;
      if (e.keyId !== undefined) keyedSeen = true;
      if (e.seq !== prevSeq + 1 || e.prevHash !== prevHash) {
        at(e.seq, 'deleted_or_reordered', `entry ${chain}#${e.seq} does not follow #${prevSeq}: an entry before it was deleted, or entries were reordered`);
      }
      for (const m of bySeq.get(e.seq) ?? []) {
        if (m.hash !== e.hash) at(e.seq, 'checkpoint_mismatch', `entry ${chain}#${e.seq} is not the one the checkpoint of ${m.time} signed: rewritten or reordered`);
      }
      if (head !== undefined && head.seq === e.seq && head.hash !== e.hash) {
        at(e.seq, 'head_mismatch', `chain ${chain}'s head names another hash for #${e.seq}`);
      }
      prevSeq = e.seq;
      prevHash = e.hash;
    },

    finish() {
      if (head !== undefined && head.seq > prevSeq) {
        at(head.seq, 'head_mismatch', `chain ${chain} ends at #${prevSeq} but its head says #${head.seq}: entries at the end were deleted`);
      }
      if (head === undefined && entries > 0) at(prevSeq, 'head_mismatch', `chain ${chain} has entries but no head: its head row was deleted`);
      for (const m of marks) {
        if (m.seq <= prevSeq) continue;
        if (entries === 0) at(m.seq, 'chain_deleted', `chain ${chain} has no entries, but the checkpoint of ${m.time} saw #${m.seq}: the chain was deleted`);
        else at(m.seq, 'truncated', `chain ${chain} ends at #${prevSeq}, but the checkpoint of ${m.time} saw #${m.seq}: entries at the end were deleted`);
      }
      return { chain, entries, lastSeq: prevSeq, lastHash: prevHash, unkeyedBefore, problems };
    },
  };
}
