// The narrow storage interfaces the domain needs. src/store implements them for SQLite and PostgreSQL;
// one conformance suite (src/store/conformance.ts) runs against both.
//
// Concurrency contract, relied on by the domain's rules:
// - Everything a use of the system changes happens inside one `Store.transaction`, so an OTP is consumed
//   in the same commit as what it authorises, and its audit entry with it.
// - Counters change with single conditional UPDATEs (never read-modify-write in JavaScript): `begin*Attempt`
//   reserves an attempt with `failures = failures + 1 WHERE failures < max`, which also takes the row's lock
//   until commit, so parallel attempts on one token (or PIN) are evaluated one after another and at most
//   `max` of them are ever evaluated.
// - `tokens.consume` is `UPDATE … WHERE last_counter IS NULL OR last_counter < ?`: false means replayed.
// - `tokens.refundAttempt` takes back, under the row lock `beginAttempt` took, an attempt that was not a
//   wrong code (a replay, an expired token); `hold*Unlocked` take a row lock only if its counter is below max.
// - Lock order inside a transaction: contract row, then user row, then token row, then the audit chain head.

import type { AccountStore, ApiKeyStore, LedgerStore, PaymentDraftStore, TransferLimitStore, UserPinStore } from './payment-store-ports.ts';
import type { LifecycleStore } from './lifecycle/lifecycle-store-ports.ts';
import type { ApprovalStore, StaffSessionStore, StaffStore } from './staff-store-ports.ts';
import type { SealedSecretStore } from './sealed-secret-ports.ts';
import type { NewToken, TokenRecord, TokenStatus } from './token.ts';
import type { HotVerifyPort } from './hot-verify-ports.ts';
import type { ReservationStore } from './reservation-store-ports.ts';
import type { ThrottleStore } from './throttle-store-ports.ts';
import type { IdempotencyStore } from './idempotency-ports.ts';
import type { SoftTokenStore } from './soft-token/soft-token-store-ports.ts';
import type { TransactionAuthStore } from './transaction-auth-ports.ts';
import type { AuditStore } from './audit-store-ports.ts';
import type { SessionStore } from './session-store-ports.ts';

export * from './payment-store-ports.ts';
export * from './reservation-store-ports.ts';
export * from './audit-store-ports.ts';
export * from './session-store-ports.ts';

export const OTP_FORMS = ['none', 'per_user', 'shared'] as const;
/** 利用形態: not started, 「全ての利用者が異なるトークンを使用する」, 「全ての利用者が同じトークンを使用する」. */
export type OtpForm = (typeof OTP_FORMS)[number];

export interface ContractRecord {
  readonly id: string; // ご契約先ID, 11 digits
  readonly name: string;
  /** ご契約先暗証番号 (admin login), PHC-encoded slow hash. */
  readonly adminPasswordHash: string;
  /** ご契約先確認暗証番号, PHC-encoded slow hash. */
  readonly confirmPinHash: string;
  readonly adminLoginFailures: number;
  /** No admin login attempt is reserved before this time (the progressive delay); 0 when none. */
  readonly adminLoginNotBeforeMs: number;
  readonly confirmPinFailures: number;
  readonly otpForm: OtpForm;
  /** When the first registration under `otpForm` succeeded; null while OTP use has not begun. */
  readonly otpStartedAtMs: number | null;
  readonly createdAtMs: number;
  /** Set by the bank's 暗証番号再発行: the one-time initial value must be changed at its next use. */
  readonly adminPasswordMustChange: boolean;
  readonly confirmPinMustChange: boolean;
}

/** The two secrets of a contract, and the two of a user, that the customer changes and the bank resets. */
export type ContractSecret = 'admin_password' | 'confirm_pin';
export type UserSecret = 'password' | 'confirm_pin';

export interface NewContract {
  readonly id: string;
  readonly name: string;
  readonly adminPasswordHash: string;
  readonly confirmPinHash: string;
  readonly createdAtMs: number;
}

export interface UserRecord {
  readonly contractId: string;
  readonly loginId: string; // 利用者ID
  readonly name: string; // 利用者名
  readonly passwordHash: string; // 利用者暗証番号
  readonly confirmPinHash: string; // 利用者確認暗証番号
  readonly canTransfer: boolean; // 資金移動
  readonly canPayTax: boolean; // 税金各種料金払込み
  readonly loginFailures: number;
  /** No login attempt is reserved before this time (the progressive delay); 0 when none. */
  readonly loginNotBeforeMs: number;
  readonly createdAtMs: number;
  /** Set by the bank's 暗証番号再発行 (see ContractRecord). */
  readonly passwordMustChange: boolean;
  readonly confirmPinMustChange: boolean;
}

export type NewUser = Omit<UserRecord, 'loginFailures' | 'loginNotBeforeMs' | 'passwordMustChange' | 'confirmPinMustChange'>;

export interface UserChanges {
  readonly name?: string;
  readonly passwordHash?: string;
  readonly confirmPinHash?: string;
  readonly canTransfer?: boolean;
  readonly canPayTax?: boolean;
}

export interface RegistrationRecord {
  readonly id: number;
  readonly contractId: string;
  /** The user the token is registered to; null under the shared form. */
  readonly loginId: string | null;
  readonly serial: string;
  readonly form: Exclude<OtpForm, 'none'>;
  readonly registeredAtMs: number;
  readonly endedAtMs: number | null;
}

export interface TokenForUser {
  readonly otpForm: OtpForm;
  readonly userExists: boolean;
  readonly serial: string | null;
}

export interface TokenListFilter {
  readonly contractId?: string;
  readonly status?: TokenStatus;
  readonly afterSerial?: string;
  readonly limit: number;
}

export interface TokenStore {
  /** Inserts the batch; returns the serials that already existed (nothing else is changed for them). */
  insertBatch(tokens: readonly NewToken[]): Promise<string[]>;
  get(serial: string): Promise<TokenRecord | undefined>;
  /** The tokens of these serials that exist (one statement per 500). */
  getMany(serials: readonly string[]): Promise<TokenRecord[]>;
  list(filter: TokenListFilter): Promise<TokenRecord[]>;
  count(): Promise<number>;
  /**
   * Reserves one attempt: `consecutive_failures + 1` where the token is in one of `statuses`, has fewer
   * than `maxFailures` failures and, when `expectedContractId` is given, is issued to that contract. Returns
   * the token as it is after the increment, or undefined when no row qualified (unknown, other status, other
   * contract, or exhausted).
   */
  beginAttempt(serial: string, statuses: readonly TokenStatus[], maxFailures: number, expectedContractId?: string): Promise<TokenRecord | undefined>;
  /** Takes back an attempt reserved in this transaction that was not a wrong code (`failures - 1`, never below 0). */
  refundAttempt(serial: string): Promise<void>;
  /** Consumes `counter` unless a counter at or past it was consumed before; resets failures. */
  consume(serial: string, counter: bigint, drift: number, usedAtMs?: number): Promise<boolean>;
  /**
   * consume and beginAttempt's conditions in ONE conditional UPDATE (use-read-token.ts): consumes `counter`
   * only while the token is in `statuses`, has fewer than `maxFailures` failures, is issued to
   * `expectedContractId` when given, and no counter at or past `counter` was consumed; resets failures.
   */
  consumeIfUsable(serial: string, statuses: readonly TokenStatus[], maxFailures: number, counter: bigint, drift: number, usedAtMs: number, expectedContractId?: string): Promise<boolean>;
  /** Moves `from` → `to` (and sets contract if given); false when the token was not in `from`. */
  transition(serial: string, from: readonly TokenStatus[], to: TokenStatus, contractId?: string | null): Promise<boolean>;
  /** Sets the failure count to 0 (the admin's 「利用中止解除」, the bank's unlock). */
  resetFailures(serial: string): Promise<void>;
  /** Of `serials`, the ones already stored (a dry run of insertBatch's duplicate check; changes nothing). */
  existingSerials(serials: readonly string[]): Promise<string[]>;
}

export interface ContractStore {
  insert(contract: NewContract): Promise<void>;
  get(id: string): Promise<ContractRecord | undefined>;
  /** Reserves one ご契約先確認暗証番号 attempt (see TokenStore.beginAttempt). */
  beginConfirmPinAttempt(id: string, maxFailures: number): Promise<ContractRecord | undefined>;
  resetConfirmPinFailures(id: string): Promise<void>;
  /**
   * Takes the contract's row lock until commit if its ご契約先確認暗証番号 has fewer than `maxFailures`
   * failures, leaving the count as it is; returns the contract, or undefined when unknown or locked.
   */
  holdConfirmPinUnlocked(id: string, maxFailures: number): Promise<ContractRecord | undefined>;
  /** Reserves one admin login attempt; with `atMs`, only when the delay's not-before time has passed. */
  beginAdminLoginAttempt(id: string, maxFailures: number, atMs?: number): Promise<ContractRecord | undefined>;
  /** Sets the count back to 0 and ends any delay. */
  resetAdminLoginFailures(id: string): Promise<void>;
  /** Refuses admin login attempts before `untilMs` (set under the row lock beginAdminLoginAttempt took). */
  delayAdminLogin(id: string, untilMs: number): Promise<void>;
  setOtpForm(id: string, form: OtpForm, startedAtMs: number | null): Promise<void>;
  /**
   * Stores a new hash of one secret with its must-change flag. With `expectedHash`, only while the stored
   * hash is still that one (a concurrent change wins once); false when no row changed.
   */
  setSecret(id: string, secret: ContractSecret, hash: string, mustChange: boolean, expectedHash?: string): Promise<boolean>;
  /** The contract with its users and registrations in force as the admin's screens show them; one statement. */
  listing(id: string): Promise<ContractListing | undefined>;
}

export interface UserStore {
  insert(user: NewUser): Promise<void>;
  get(contractId: string, loginId: string): Promise<UserRecord | undefined>;
  list(contractId: string): Promise<UserRecord[]>;
  count(contractId: string): Promise<number>;
  update(contractId: string, loginId: string, changes: UserChanges): Promise<boolean>;
  delete(contractId: string, loginId: string): Promise<boolean>;
  /** As ContractStore.beginAdminLoginAttempt, for the user's login. */
  beginLoginAttempt(contractId: string, loginId: string, maxFailures: number, atMs?: number): Promise<UserRecord | undefined>;
  /** Sets the count back to 0 and ends any delay. */
  resetLoginFailures(contractId: string, loginId: string): Promise<void>;
  delayLogin(contractId: string, loginId: string, untilMs: number): Promise<void>;
  /** As ContractStore.setSecret, for the 利用者暗証番号 or the 利用者確認暗証番号. */
  setSecret(contractId: string, loginId: string, secret: UserSecret, hash: string, mustChange: boolean, expectedHash?: string): Promise<boolean>;
}

/** A user as the admin's lists show them: the record's shown fields and the 利用者確認暗証番号's failures. */
export type UserListing = Pick<UserRecord, 'loginId' | 'name' | 'canTransfer' | 'canPayTax' | 'loginFailures' | 'createdAtMs'> & {
  readonly confirmPinFailures: number;
};

/** An active registration with what the admin's screens show of its token. */
export interface RegisteredToken {
  readonly form: Exclude<OtpForm, 'none'>;
  readonly loginId: string | null;
  readonly serial: string;
  readonly status: TokenStatus;
  readonly expiresAtMs: number | null;
}

/** A contract as its screens show it: everything but the two secrets' hashes. */
export type ContractShown = Omit<ContractRecord, 'adminPasswordHash' | 'confirmPinHash'>;

/** What the admin's screens show of one contract, read by one statement (ContractStore.listing). */
export interface ContractListing {
  /** Without the secrets' hashes: a listing stays in memory for a whole request (web/admin-session.ts). */
  readonly contract: ContractShown;
  /** Its users, with no secret's hash, in no particular order. */
  readonly users: readonly UserListing[];
  /** Its registrations in force, oldest first (RegistrationStore.active's order). */
  readonly tokens: readonly RegisteredToken[];
}

export interface RegistrationStore {
  insert(r: Omit<RegistrationRecord, 'id' | 'endedAtMs'>): Promise<RegistrationRecord>;
  /** Registrations in force (ended_at IS NULL) for the contract, oldest first. */
  active(contractId: string): Promise<RegistrationRecord[]>;
  /**
   * The one registration in force for a user under the per-user form (loginId given), or the contract's
   * shared one (loginId null); the newest if, against the rules, there were several. The hot path of every
   * payment and API verification, so one indexed row rather than the contract's list.
   */
  activeFor(contractId: string, form: Exclude<OtpForm, 'none'>, loginId: string | null): Promise<RegistrationRecord | undefined>;
  /**
   * In one query, for the bank systems' verification: the contract's form, whether the user exists, and the
   * serial of the token that applies to the user (their own under the per-user form, the contract's under
   * the shared one; null when none), with that token's row as it is now (read without a lock). Undefined when
   * the contract does not exist.
   */
  tokenRowFor(contractId: string, loginId: string): Promise<(TokenForUser & { readonly token?: TokenRecord }) | undefined>;
  /** Active registrations that use the serial, across all contracts. */
  activeForSerial(serial: string): Promise<RegistrationRecord[]>;
  /** Ends the active registrations that match; returns how many ended. */
  end(match: { contractId: string; loginId?: string | null; serial?: string; form?: Exclude<OtpForm, 'none'> }, atMs: number): Promise<number>;
  history(contractId: string): Promise<RegistrationRecord[]>;
}

export interface StoreTx {
  readonly tokens: TokenStore;
  readonly contracts: ContractStore;
  readonly users: UserStore;
  readonly registrations: RegistrationStore;
  readonly audit: AuditStore;
  readonly sessions: SessionStore;
  // The users' side (issue 4): see the section "Payments" below.
  readonly userPins: UserPinStore;
  readonly accounts: AccountStore;
  readonly transferLimits: TransferLimitStore;
  readonly paymentDrafts: PaymentDraftStore;
  readonly ledger: LedgerStore;
  readonly apiKeys: ApiKeyStore;
  /** The bank's token lifecycle and console read models (lifecycle/lifecycle-store-ports.ts). */
  readonly lifecycle: LifecycleStore;
  // The bank staff console: see staff-store-ports.ts.
  readonly staff: StaffStore;
  readonly staffSessions: StaffSessionStore;
  readonly approvals: ApprovalStore;
  readonly reservations: ReservationStore;
  /** Every secret sealed under a master key, for `bizotp keys status` and `keys rewrap`. */
  readonly sealedSecrets: SealedSecretStore;
  /** Fixed-window counters shared by every instance (throttle-store-ports.ts). */
  readonly throttle: ThrottleStore;
  /** Idempotency-Key answers of the verify API (idempotency-ports.ts). */
  readonly idempotency: IdempotencyStore;
  /** Software tokens' origin, activation state and last seen (soft-token/soft-token-store-ports.ts). */
  readonly softTokens: SoftTokenStore;
  /** 取引認証: the bank's policy and the spent signing responses (transaction-auth-ports.ts). */
  readonly transactionAuth: TransactionAuthStore;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A short transaction of the hot path that may share its COMMIT with others (group commit), answered only
   * once durable; `fn` may run again after a deadlock cancelled its first run (whose work was rolled back).
   * Absent: `transaction`.
   */
  groupedTransaction?<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** The verify API's two-statement path where round trips dominate (PostgreSQL); absent: transactions only. */
  readonly hotVerify?: HotVerifyPort;
  /**
   * Reads only (anything but a SELECT is refused), outside every write transaction: no BEGIN or COMMIT, no
   * wait behind another transaction's disk sync. Each statement sees what was committed when it ran, so
   * several statements may see different moments. Absent: `transaction`.
   */
  read?<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Migrations this code has that the database lacks (empty when current); for the readiness check. */
  pendingMigrations?(): Promise<readonly number[]>;
}
