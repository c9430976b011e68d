// The storage the bank's token lifecycle and its read models need (src/store/sql/lifecycle-*.ts implement
// it; the conformance suite's lifecycle cases run it on SQLite and PostgreSQL). Nothing here ever returns a
// token's secret: the read models are built from these rows only.

import type { AuditEntry, AuditHead, OtpForm } from '../store-ports.ts';
import type { TokenKind, TokenModel, TokenStatus } from '../token.ts';

export interface TokenStatusRow {
  readonly serial: string;
  readonly status: TokenStatus;
  readonly contractId: string | null;
}

export interface ContractSummary {
  readonly id: string;
  readonly name: string;
  readonly otpForm: OtpForm;
  readonly userCount: number;
  readonly tokenCount: number;
}

export interface TokenSummary {
  readonly serial: string;
  readonly kind: TokenKind;
  readonly model: TokenModel;
  readonly status: TokenStatus;
  readonly expiresAtMs: number | null;
  readonly lastUsedAtMs: number | null;
}

export interface TokenListRow extends TokenSummary {
  readonly contractId: string | null;
}

/** Tokens of one status, or tokens in use whose expiry falls in [fromMs, untilMs) (as countTokensExpiring). */
export type TokenListFilter =
  | { readonly kind: 'status'; readonly status: TokenStatus }
  | { readonly kind: 'expiring'; readonly fromMs: number; readonly untilMs: number };

/** Every filter is optional; all given ones must hold. Newest first (at_ms, then chain and seq descending). */
export interface AuditFilter {
  readonly chain?: string;
  /** A 利用者ID: entries by `user:<it>`, with it as target, or naming it as loginId in the detail. */
  readonly user?: string;
  readonly target?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly outcome?: string;
  readonly sinceMs?: number;
  /** exclusive */
  readonly untilMs?: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ActionOutcomeCount {
  readonly action: string;
  readonly outcome: string;
  readonly count: number;
}

export interface HourCount {
  /** Start of the hour, Unix milliseconds. */
  readonly hourStartMs: number;
  readonly count: number;
}

export interface LockCounts {
  readonly adminLogins: number;
  readonly confirmPins: number;
  readonly users: number;
}

export interface LifecycleStore {
  /** The rows of these serials that exist, locked until commit (FOR UPDATE on PostgreSQL), in serial order. */
  lockTokens(serials: readonly string[]): Promise<TokenStatusRow[]>;
  /** in_stock → issued to `contractId` for each serial still in stock; returns how many moved. */
  issueFromStock(serials: readonly string[], contractId: string): Promise<number>;
  /**
   * Resynchronisation: consumes `consumedCounter`, stores the drift and the next counter, unless a counter at
   * or past it was consumed before (false = replayed). Failures are left alone: a resync does not unlock.
   */
  resync(serial: string, consumedCounter: bigint, drift: number, nextCounter: bigint, atMs: number): Promise<boolean>;
  /** Contracts whose ID starts with `query` or whose name contains it (all when empty), by ID. */
  searchContracts(query: string, limit: number, offset: number): Promise<{ rows: ContractSummary[]; total: number }>;
  /** The contract's tokens, by serial. */
  tokensOf(contractId: string): Promise<TokenSummary[]>;
  tokenSummary(serial: string): Promise<TokenSummary | undefined>;
  /** Per user (target), the time of the newest audit entry on the contract's chain with one of these action/outcome pairs. */
  lastAuditTimes(contractId: string, pairs: readonly (readonly [action: string, outcome: string])[]): Promise<{ target: string; atMs: number }[]>;
  searchAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  /** A chain's head, read without locking it (undefined when the chain has none). */
  auditHead(chain: string): Promise<AuditHead | undefined>;
  countTokensByStatus(): Promise<{ status: TokenStatus; count: number }[]>;
  countTokensExpiring(fromMs: number, untilMs: number): Promise<number>;
  /** トークン一覧: by serial for a status, soonest expiry first for expiring ones; a page and the total. */
  listTokens(filter: TokenListFilter, limit: number, offset: number): Promise<{ rows: TokenListRow[]; total: number }>;
  countLocks(maxAdminLoginFailures: number, maxConfirmPinFailures: number, maxUserLoginFailures: number): Promise<LockCounts>;
  countAuditOutcomes(sinceMs: number, untilMs: number): Promise<ActionOutcomeCount[]>;
  countAuditPerHour(sinceMs: number, untilMs: number, actions: readonly string[]): Promise<HourCount[]>;
}
