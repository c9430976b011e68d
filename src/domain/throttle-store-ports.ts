// The storage a shared throttle needs: fixed-window counters in the database, so every server instance
// counts the same window (a limit kept in one process's memory is multiplied by the number of instances).

/** What one attempt did to its bucket: counted (its number in the window), or refused at the limit. */
export type BucketHit =
  | { readonly counted: true; readonly hits: number; readonly earlierHits: number }
  | { readonly counted: false };

export interface ThrottleStore {
  /**
   * Counts one attempt in `bucket`'s window beginning at `windowStartMs`, with ONE conditional upsert: a
   * window that began later than the stored one starts over at 1 (and keeps the old count as `earlierHits`);
   * in the same window the count grows only while below `limit`. A clock behind the others' counts in the
   * stored (later) window rather than moving it back.
   */
  hit(bucket: string, windowStartMs: number, limit: number): Promise<BucketHit>;
  /**
   * Counts `n` attempts at once, all or none, with the same ONE conditional upsert: counted only while the
   * window's count plus `n` stays within `limit` (a later window starts over at `n`). `n` = 1 is `hit`.
   */
  hitMany(bucket: string, windowStartMs: number, limit: number, n: number): Promise<BucketHit>;
  /** Deletes buckets whose window began before `beforeMs`; how many went. */
  prune(beforeMs: number): Promise<number>;
}
