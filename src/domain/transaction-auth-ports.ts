// The storage 取引認証 needs (migration 14): the bank's one policy row, the spent signing responses, and what
// kind of software token a serial is (migration 13's soft_tokens row), which decides whether it can sign.

/** off: never; all: every 資金移動; above: a 資金移動 of more than `thresholdYen`. */
export type TransactionAuthPolicy =
  | { readonly mode: 'off' }
  | { readonly mode: 'all' }
  | { readonly mode: 'above'; readonly thresholdYen: bigint };

export interface TransactionAuthPolicyRecord {
  readonly policy: TransactionAuthPolicy;
  readonly changedAtMs: number;
  /** `staff:<id>`, or `migration` for the initial 'off'. */
  readonly changedBy: string;
}

export interface SpentSignature {
  readonly serial: string;
  /** The OCRA time step T (minutes since the epoch) the response was computed for. */
  readonly timeStep: bigint;
  readonly question: string;
  readonly draftId: string;
  readonly usedAtMs: number;
}

export interface TransactionAuthStore {
  policy(): Promise<TransactionAuthPolicyRecord>;
  setPolicy(policy: TransactionAuthPolicy, atMs: number, by: string): Promise<void>;
  /**
   * Records the response as spent with ONE conditional INSERT (ON CONFLICT DO NOTHING on (serial, time step,
   * question)): false when it was spent before, by this transaction's commit or any other's.
   */
  spend(used: SpentSignature): Promise<boolean>;
}

export type SoftTokenOrigin = 'app' | 'otpauth';
export type SoftTokenState = 'pending' | 'active';

export interface SoftTokenRow {
  readonly serial: string;
  readonly origin: SoftTokenOrigin;
  readonly state: SoftTokenState;
  readonly createdAtMs: number;
  readonly activatedAtMs: number | null;
}

/** migration 13's soft_tokens rows: where a software token came from and how far its activation got. */
export interface SoftTokenRowStore {
  insert(row: SoftTokenRow): Promise<void>;
  /** Undefined for a token that is not a software token made by the app or issued as an otpauth QR code. */
  get(serial: string): Promise<SoftTokenRow | undefined>;
}
