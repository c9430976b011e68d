// ThrottleStore over SQL: one INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING per attempt, the same text
// on SQLite and PostgreSQL. The WHERE makes it conditional (nothing changes at the limit, and no row comes
// back); every read of the old row happens inside the statement, under its row lock, so parallel attempts on
// several instances can never both take the last place in a window.
import type { BucketHit, ThrottleStore } from '../../domain/throttle-store-ports.ts';
import { int } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

const HIT = `
INSERT INTO throttle_buckets AS b (bucket, window_start_ms, hits, earlier_hits) VALUES (?, ?, 1, 0)
ON CONFLICT (bucket) DO UPDATE SET
  hits = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN 1 ELSE b.hits + 1 END,
  earlier_hits = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN b.hits ELSE b.earlier_hits END,
  window_start_ms = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN excluded.window_start_ms ELSE b.window_start_ms END
WHERE excluded.window_start_ms > b.window_start_ms OR b.hits < ?
RETURNING hits, earlier_hits`;

// The same upsert for `n` attempts at once (a lease of a share of the window, src/domain/throttle-leases.ts):
// counted only when all `n` fit, so the stored count never exceeds the limit.
const HIT_MANY = `
INSERT INTO throttle_buckets AS b (bucket, window_start_ms, hits, earlier_hits) VALUES (?, ?, ?, 0)
ON CONFLICT (bucket) DO UPDATE SET
  hits = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN excluded.hits ELSE b.hits + excluded.hits END,
  earlier_hits = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN b.hits ELSE b.earlier_hits END,
  window_start_ms = CASE WHEN excluded.window_start_ms > b.window_start_ms THEN excluded.window_start_ms ELSE b.window_start_ms END
WHERE excluded.window_start_ms > b.window_start_ms OR b.hits + excluded.hits <= ?
RETURNING hits, earlier_hits`;

export function createThrottleStore(db: SqlExecutor): ThrottleStore {
  return {
    async hit(bucket: string, windowStartMs: number, limit: number): Promise<BucketHit> {
      const [row] = await db.all(HIT, [bucket, windowStartMs, limit]);
      if (row === undefined) return { counted: false };
      return { counted: true, hits: int(row, 'hits'), earlierHits: int(row, 'earlier_hits') };
    },

    async hitMany(bucket: string, windowStartMs: number, limit: number, n: number): Promise<BucketHit> {
      if (n < 1 || n > limit) return { counted: false };
      const [row] = await db.all(HIT_MANY, [bucket, windowStartMs, n, limit]);
      if (row === undefined) return { counted: false };
      return { counted: true, hits: int(row, 'hits'), earlierHits: int(row, 'earlier_hits') };
    },

    async prune(beforeMs: number): Promise<number> {
      return db.run('DELETE FROM throttle_buckets WHERE window_start_ms < ?', [beforeMs]);
    },
  };
}
