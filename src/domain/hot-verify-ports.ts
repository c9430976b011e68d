// The verify API's fast path, for a store where a round trip costs more than the statements it carries
// (PostgreSQL): one read without a transaction, then one statement that re-checks, consumes, appends the
// audit entry and commits (bank-verify-fast.ts). Anything unusual takes the ordinary transaction instead.

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

export interface HotVerifyCommit {
  readonly apiKeyHash: string;
  /** Touch the key's last use to this time, unless it was touched after `touchBeforeMs`; null: no touch. */
  readonly touch: { readonly atMs: number; readonly beforeMs: number } | null;
  readonly serial: string;
  readonly status: TokenStatus;
  readonly maxFailures: number;
  readonly counter: bigint;
  readonly drift: number;
  readonly contractId: string;
  /** An app token: its 最終確認 moves too (use-token.ts touchSoftToken). */
  readonly software: boolean;
  /** Sealed on the head that was read: it commits only if that head is still the chain's. */
  readonly entry: AuditEntry;
}

/**
 * `committed`: durable, all of it. Otherwise nothing was written: `key_gone` (revoked since the read),
 * `token_changed` (consumed, locked, moved or ended since the read), `head_moved` (another entry came first;
 * `head` is the chain's head now).
 */
export type HotVerifyOutcome =
  | { readonly kind: 'committed' | 'key_gone' | 'token_changed' }
  | { readonly kind: 'head_moved'; readonly head: AuditHead | undefined };

export interface HotVerifyPort {
  readonly auditKeys: AuditKeys | undefined;
  read(apiKeyHash: string, contractId: string, loginId: string): Promise<HotVerifyRead>;
  commit(c: HotVerifyCommit): Promise<HotVerifyOutcome>;
}
