// The verify API's fast path (bank-verify-fast.ts): one read without a transaction, then one batch commit
// that re-checks, consumes, appends the audit entries and commits. PostgreSQL offers it because a round trip
// costs more than the statements it carries (store/sql/hot-verify.ts); SQLite in a serving process, to run
// the reads, statements and disk syncs on a thread of their own (store/sqlite/verify-writer.ts). Anything
// unusual takes the ordinary transaction instead.

import type { ApiKeyRecord, AuditEntry, AuditHead, TokenForUser } from './store-ports.ts';
import type { TokenRecord, TokenStatus } from './token.ts';
import type { AuditKeys } from './audit-keys.ts';

/** What a verification needs to decide, read in one statement at one snapshot, without locks. */
export interface HotVerifyRead {
  /** The key when it exists and is not revoked. */
  readonly key: ApiKeyRecord | undefined;
  /** As registrations.tokenRowFor; undefined when the contract does not exist. */
  readonly target: (TokenForUser & { readonly token?: TokenRecord }) | undefined;
  /** The contract chain's head; undefined before its first entry. */
  readonly head: AuditHead | undefined;
}

/** One accepted code of a batch, with its audit entry sealed in the batch's order. */
export interface HotVerifyItem {
  readonly apiKeyHash: string;
  /** Touch the key's last use to this time, unless it was touched after `beforeMs`; null: no touch. */
  readonly touch: { readonly atMs: number; readonly beforeMs: number } | null;
  readonly serial: string;
  readonly counter: bigint;
  readonly drift: number;
  /** An app token: its 最終確認 moves too (use-token.ts touchSoftToken). */
  readonly software: boolean;
  readonly entry: AuditEntry;
}

/** Accepted codes, each of its contract's token; each contract's entries chained in item order from its head. */
export interface HotVerifyBatch {
  readonly status: TokenStatus;
  readonly maxFailures: number;
  /** In serial order (the lock order of every batch); an entry follows the one before of its own chain. */
  readonly items: readonly HotVerifyItem[];
}

/**
 * `committed`: durable, all of it. Otherwise nothing was written: `item_refused` (that item's key was revoked
 * or its token consumed, locked, moved or ended since the read), `head_moved` (another entry came first on
 * `chain`; `head` is that chain's head now).
 */
export type HotVerifyOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'item_refused'; readonly index: number; readonly reason: 'key_gone' | 'token_changed' }
  | { readonly kind: 'head_moved'; readonly chain: string; readonly head: AuditHead | undefined };

export interface HotVerifyPort {
  readonly auditKeys: AuditKeys | undefined;
  read(apiKeyHash: string, contractId: string, loginId: string): Promise<HotVerifyRead>;
  commit(batch: HotVerifyBatch): Promise<HotVerifyOutcome>;
}
