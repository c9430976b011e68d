// Storage for Idempotency-Key on the verify API (draft-ietf-httpapi-idempotency-key-header): per API key and
// key value, the request body's hash and the first answer, kept 24 hours.

export type IdempotencyClaim =
  | { readonly kind: 'first' }
  | { readonly kind: 'replay'; readonly response: string }
  | { readonly kind: 'other_body' };

export interface IdempotencyStore {
  /**
   * Claims (apiKeyHash, key) for a request with `bodyHash`, with one conditional upsert: a new key, or one
   * older than `expiredBeforeMs`, is taken with `response` as a placeholder answer; otherwise the stored
   * first answer (same body) or `other_body`. A parallel claim of the same key waits for the first one's
   * commit (unique index) and then sees its answer.
   */
  claim(apiKeyHash: string, key: string, bodyHash: string, response: string, nowMs: number, expiredBeforeMs: number): Promise<IdempotencyClaim>;
  /** Stores the answer of a claimed key, in the transaction that claimed it. */
  answer(apiKeyHash: string, key: string, response: string): Promise<void>;
}
