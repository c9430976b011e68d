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
// - Lock order inside a transaction: contract row, then user row, then token row, then the audit chain head.

import type { NewToken, TokenRecord, TokenStatus } from './token.ts';

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
  readonly confirmPinFailures: number;
  readonly otpForm: OtpForm;
  /** When the first registration under `otpForm` succeeded; null while OTP use has not begun. */
  readonly otpStartedAtMs: number | null;
  readonly createdAtMs: number;
}

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
  readonly createdAtMs: number;
}

export type NewUser = Omit<UserRecord, 'loginFailures'>;

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
  list(filter: TokenListFilter): Promise<TokenRecord[]>;
  count(): Promise<number>;
  /**
   * Reserves one attempt: `consecutive_failures + 1` where the token is in one of `statuses` and has fewer
   * than `maxFailures` failures. Returns the token as it is after the increment, or undefined when no row
   * qualified (unknown, other status, or exhausted).
   */
  beginAttempt(serial: string, statuses: readonly TokenStatus[], maxFailures: number): Promise<TokenRecord | undefined>;
  /** Consumes `counter` unless a counter at or past it was consumed before; resets failures. */
  consume(serial: string, counter: bigint, drift: number): Promise<boolean>;
  /** Moves `from` → `to` (and sets contract if given); false when the token was not in `from`. */
  transition(serial: string, from: readonly TokenStatus[], to: TokenStatus, contractId?: string | null): Promise<boolean>;
  /** Sets the failure count to 0 (the admin's 「利用中止解除」, the bank's unlock). */
  resetFailures(serial: string): Promise<void>;
}

export interface ContractStore {
  insert(contract: NewContract): Promise<void>;
  get(id: string): Promise<ContractRecord | undefined>;
  /** Reserves one ご契約先確認暗証番号 attempt (see TokenStore.beginAttempt). */
  beginConfirmPinAttempt(id: string, maxFailures: number): Promise<ContractRecord | undefined>;
  resetConfirmPinFailures(id: string): Promise<void>;
  /** Reserves one admin login attempt. */
  beginAdminLoginAttempt(id: string, maxFailures: number): Promise<ContractRecord | undefined>;
  resetAdminLoginFailures(id: string): Promise<void>;
  setOtpForm(id: string, form: OtpForm, startedAtMs: number | null): Promise<void>;
}

export interface UserStore {
  insert(user: NewUser): Promise<void>;
  get(contractId: string, loginId: string): Promise<UserRecord | undefined>;
  list(contractId: string): Promise<UserRecord[]>;
  count(contractId: string): Promise<number>;
  update(contractId: string, loginId: string, changes: UserChanges): Promise<boolean>;
  delete(contractId: string, loginId: string): Promise<boolean>;
  beginLoginAttempt(contractId: string, loginId: string, maxFailures: number): Promise<UserRecord | undefined>;
  resetLoginFailures(contractId: string, loginId: string): Promise<void>;
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
  /** Active registrations that use the serial, across all contracts. */
  activeForSerial(serial: string): Promise<RegistrationRecord[]>;
  /** Ends the active registrations that match; returns how many ended. */
  end(match: { contractId: string; loginId?: string | null; serial?: string; form?: Exclude<OtpForm, 'none'> }, atMs: number): Promise<number>;
  history(contractId: string): Promise<RegistrationRecord[]>;
}

export interface AuditStore {
  /** Locks the chain's head (creating it when new) until commit and returns it. */
  lockHead(chain: string): Promise<AuditHead>;
  /** Inserts the entry and moves the chain's head to it. */
  append(entry: AuditEntry): Promise<void>;
  /** All entries of one chain, or of all chains, in (chain, seq) order. */
  entries(chain?: string): Promise<AuditEntry[]>;
  chains(): Promise<string[]>;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the session id; the id itself is only ever in the cookie. */
  readonly idHash: string;
  readonly contractId: string;
  /** null for the contract's administrator (管理者), else the 利用者ID. */
  readonly loginId: string | null;
  readonly csrfToken: string;
  readonly createdAtMs: number;
  readonly lastSeenAtMs: number;
  /** JSON text: screen state such as a payment awaiting its OTP. */
  readonly data: string;
}

export interface SessionStore {
  insert(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, atMs: number): Promise<void>;
  setData(idHash: string, data: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteIdleSince(beforeMs: number): Promise<number>;
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
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ── Payments: the users' 利用者確認暗証番号, the embedded ledger, payment drafts and the bank systems' API keys ──
//
// Lock order of a payment's transaction, extending the one above: payment draft row, then token row, then the
// (contract, day) total row, then the account row, then the audit chain head. Every amount is yen as a bigint.

/** One 利用者確認暗証番号 attempt, reserved like every other (failures + 1 where failures < max). */
export interface UserPinAttempt {
  readonly confirmPinHash: string;
  /** The failure count after this attempt's increment. */
  readonly failures: number;
}

export interface UserPinStore {
  beginAttempt(contractId: string, loginId: string, maxFailures: number): Promise<UserPinAttempt | undefined>;
  /** The current failure count; undefined when the user does not exist. */
  failures(contractId: string, loginId: string): Promise<number | undefined>;
  reset(contractId: string, loginId: string): Promise<void>;
}

export const ACCOUNT_KINDS = ['futsu', 'toza', 'chochiku'] as const;
/** 科目: 普通, 当座, 貯蓄. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface AccountRecord {
  readonly id: number;
  readonly contractId: string;
  readonly branchCode: string; // 支店コード, 3 digits
  readonly kind: AccountKind;
  readonly number: string; // 口座番号, 7 digits
  readonly name: string; // 口座名義
  readonly balanceYen: bigint;
  readonly createdAtMs: number;
}

export type NewAccount = Omit<AccountRecord, 'id'>;

export interface AccountStore {
  insert(account: NewAccount): Promise<AccountRecord>;
  get(id: number): Promise<AccountRecord | undefined>;
  /** The contract's accounts, oldest first. */
  list(contractId: string): Promise<AccountRecord[]>;
  /**
   * `balance = balance - amount WHERE id AND contract AND balance >= amount`, in one statement: returns the
   * new balance, or undefined when the balance is short (or the account is not the contract's).
   */
  debit(id: number, contractId: string, amountYen: bigint): Promise<bigint | undefined>;
}

export interface TransferLimitsRecord {
  readonly contractId: string;
  /** The most one payment may be. */
  readonly perPaymentYen: bigint;
  /** The most all payments of one day (Japan time) may add up to. */
  readonly dailyYen: bigint;
}

export interface TransferLimitStore {
  /** Sets (inserts or replaces) the contract's limits. */
  set(limits: TransferLimitsRecord): Promise<void>;
  get(contractId: string): Promise<TransferLimitsRecord | undefined>;
  /**
   * Adds `amountYen` to the (contract, day) total unless the total would pass `dailyLimitYen`: the row is
   * created if missing (INSERT … ON CONFLICT DO NOTHING), then one conditional UPDATE decides. False = over.
   */
  reserveDaily(contractId: string, day: string, amountYen: bigint, dailyLimitYen: bigint): Promise<boolean>;
  /** Gives back a reservation of this transaction (the debit after it was refused). */
  releaseDaily(contractId: string, day: string, amountYen: bigint): Promise<void>;
  /** The total reserved for the day; 0 when none. */
  usedOn(contractId: string, day: string): Promise<bigint>;
}

export const PAYMENT_KINDS = ['transfer', 'payeasy'] as const;
/** 資金移動 (a transfer to a payee's account) or 税金・各種料金の払込み (Pay-easy). */
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const DRAFT_STATUSES = ['pending', 'done', 'refused'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** What the confirm screen showed, stored before the OTP is asked for, and never changed afterwards. */
export interface PaymentDraftRecord {
  /** 128 random bits, hex. */
  readonly id: string;
  readonly contractId: string;
  readonly loginId: string;
  readonly kind: PaymentKind;
  readonly accountId: number;
  readonly amountYen: bigint;
  /** The payee or bill, as canonical JSON text (payment-details.ts). */
  readonly details: string;
  readonly status: DraftStatus;
  /** The error code that refused it, when status is refused. */
  readonly refusal: string | null;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly settledAtMs: number | null;
}

export type NewPaymentDraft = Omit<PaymentDraftRecord, 'status' | 'refusal' | 'settledAtMs'>;

export interface PaymentDraftStore {
  insert(draft: NewPaymentDraft): Promise<void>;
  get(id: string): Promise<PaymentDraftRecord | undefined>;
  /**
   * pending → done, in one conditional UPDATE, for the draft's own user before it expires; the row stays
   * locked until commit. Undefined when no row qualified: already done (or refused), expired, or not theirs.
   */
  claim(id: string, contractId: string, loginId: string, nowMs: number): Promise<PaymentDraftRecord | undefined>;
  /** done → pending: undoes this transaction's claim when the authorisation was refused. */
  reopen(id: string): Promise<boolean>;
  /** done → refused with the code, when the money part was refused after an accepted authorisation. */
  refuse(id: string, code: string): Promise<boolean>;
}

export interface LedgerEntryRecord {
  readonly id: number;
  readonly accountId: number;
  readonly contractId: string;
  /** The payment this debit settles: unique, so the schema itself refuses a second debit for it. */
  readonly draftId: string;
  readonly loginId: string;
  readonly kind: PaymentKind;
  readonly amountYen: bigint;
  readonly balanceAfterYen: bigint;
  readonly description: string;
  readonly atMs: number;
}

export interface LedgerStore {
  insert(entry: Omit<LedgerEntryRecord, 'id'>): Promise<LedgerEntryRecord>;
  forDraft(draftId: string): Promise<LedgerEntryRecord | undefined>;
  /** The contract's debits, newest first. */
  history(contractId: string, limit: number): Promise<LedgerEntryRecord[]>;
}

export interface ApiKeyRecord {
  readonly name: string;
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  readonly keyHash: string;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
}

export interface ApiKeyStore {
  /** False when a key of that name exists (revoked or not). */
  insert(key: Omit<ApiKeyRecord, 'revokedAtMs'>): Promise<boolean>;
  /** The key with this hash unless revoked. */
  findActive(keyHash: string): Promise<ApiKeyRecord | undefined>;
  revoke(name: string, atMs: number): Promise<boolean>;
  list(): Promise<ApiKeyRecord[]>;
}
