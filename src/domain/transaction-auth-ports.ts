// The storage 取引認証 needs (migration 14): the bank's one policy row and the spent signing responses. What
// kind of software token a serial is (which decides whether it can sign) is read through SoftTokenStore.

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
