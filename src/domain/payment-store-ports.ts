// The users' side's storage interfaces (issue 4): the 利用者確認暗証番号's counter, the ledger, payment drafts
// and API keys. Part of StoreTx (store-ports.ts); the same concurrency contract applies.

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
  /** Every user's count of consecutive wrong 利用者確認暗証番号 in the contract, by login ID (one statement). */
  failuresOfContract(contractId: string): Promise<Map<string, number>>;
  reset(contractId: string, loginId: string): Promise<void>;
  /**
   * Takes the user's row lock until commit if the PIN has fewer than `maxFailures` failures, leaving the count
   * as it is; false when the user does not exist or the PIN is locked.
   */
  holdUnlocked(contractId: string, loginId: string, maxFailures: number): Promise<boolean>;
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
  /** The ご契約先ID the key may verify for; null: every contract. */
  readonly contractIds: readonly string[] | null;
  /** From this time on the key is refused (401); null: no expiry. */
  readonly expiresAtMs: number | null;
  /** The last request with the key, to within a minute (ApiKeyStore.touch); null: never used. */
  readonly lastUsedAtMs: number | null;
  /** Requests per minute; null: policy.ts API_REQUESTS_PER_KEY. */
  readonly ratePerMinute: number | null;
}

export type NewApiKey = Pick<ApiKeyRecord, 'name' | 'keyHash' | 'createdAtMs'> & Partial<Pick<ApiKeyRecord, 'contractIds' | 'expiresAtMs' | 'ratePerMinute'>>;

export interface ApiKeyStore {
  /** False when a key of that name exists (revoked or not). */
  insert(key: NewApiKey): Promise<boolean>;
  /** Records a use at `atMs` only when the last recorded one is older than `everyMs` (a write a minute, not a request). */
  touch(keyHash: string, atMs: number, everyMs: number): Promise<void>;
  /** The key with this hash unless revoked. */
  findActive(keyHash: string): Promise<ApiKeyRecord | undefined>;
  revoke(name: string, atMs: number): Promise<boolean>;
  list(): Promise<ApiKeyRecord[]>;
}
