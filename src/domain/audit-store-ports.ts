// The audit log's store port (src/domain/AUDIT.md): entries, chain heads and the store that appends and pages
// them. Re-exported by store-ports.ts.
import type { AuditKeys } from './audit-keys.ts';

export interface AuditHead {
  readonly seq: number; // 0 when the chain is empty
  readonly hash: string; // hex; '' when the chain is empty
}

export interface AuditEntry {
  readonly chain: string; // a contract id, or 'bank'
  readonly seq: number; // 1, 2, 3… per chain
  readonly atMs: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly detail: string; // JSON text; never secrets
  readonly ip: string;
  readonly prevHash: string;
  readonly hash: string;
  /**
   * The id of the master key whose audit key sealed the entry (HMAC-SHA-256, audit-entry-hash.ts); absent
   * for entries written before the audit key, whose hash is a plain SHA-256.
   */
  readonly keyId?: string;
}

export interface AuditStore {
  /**
   * The keys new entries are sealed with (derived from the master key, never stored). Undefined only for a
   * store opened without them (tests of other layers): its entries are then unkeyed, and `audit verify`
   * names an unkeyed entry after a keyed one as tampering.
   */
  readonly keys: AuditKeys | undefined;
  /** Locks the chain's head (creating it when new) until commit and returns it. */
  lockHead(chain: string): Promise<AuditHead>;
  /** Inserts the entry and moves the chain's head to it. */
  append(entry: AuditEntry): Promise<void>;
  /** All entries of one chain, or of all chains, in (chain, seq) order. */
  entries(chain?: string): Promise<AuditEntry[]>;
  chains(): Promise<string[]>;
  /** Up to `limit` entries of `chain` after `afterSeq`, in seq order: verification reads in pages, never in one long transaction. */
  page(chain: string, afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** Every chain with an entry in the log or a head past 0: from the log itself, so a chain whose head row is gone is still found. */
  loggedChains(): Promise<string[]>;
  /** The chain's head as committed, without locking it; undefined when there is none. */
  head(chain: string): Promise<AuditHead | undefined>;
}
