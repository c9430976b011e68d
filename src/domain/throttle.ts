// Throttles counted in the database (throttle-store-ports.ts), shared by every server instance: an attacker
// spreading requests over several instances is counted once. Fixed windows, aligned on the epoch so every
// instance computes the same window for the same moment.
import { THROTTLE_BUCKET_RETENTION_MS } from './policy.ts';
import type { Store, StoreTx } from './store-ports.ts';

/** One counter an attempt must pass: at most `limit` attempts per `windowMs` in `bucket`. */
export interface Throttle {
  readonly bucket: string;
  readonly limit: number;
  readonly windowMs: number;
}

export type ThrottleDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export function windowStartMs(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

/**
 * Counts one attempt in each throttle, one after the other in `tx` (never two queries at once on one
 * transaction); the first that is full refuses it, saying how long until its window ends.
 */
export async function passThrottles(tx: StoreTx, nowMs: number, throttles: readonly Throttle[]): Promise<ThrottleDecision> {
  for (const t of throttles) {
    const start = windowStartMs(nowMs, t.windowMs);
    const hit = await tx.throttle.hit(t.bucket, start, t.limit);
    if (!hit.counted) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + t.windowMs - nowMs) / 1000)) };
  }
  return { ok: true };
}

export interface ThrottleGate {
  /**
   * Counts one attempt in every throttle, in a transaction of its own; refused when one is full. The
   * throttles may be read in that transaction (an API key's own rate), one query after the other.
   */
  pass(throttles: readonly Throttle[] | ((tx: StoreTx) => Promise<readonly Throttle[]>), nowMs: number): Promise<ThrottleDecision>;
}

/** Prunes old buckets at most this often per instance, so the table holds only live windows. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export function createThrottleGate(store: Store): ThrottleGate {
  let nextPruneMs = 0;
  return {
    async pass(throttles, nowMs) {
      const decision = await store.transaction(async (tx) => passThrottles(tx, nowMs, typeof throttles === 'function' ? await throttles(tx) : throttles));
      if (nowMs >= nextPruneMs) {
        nextPruneMs = nowMs + PRUNE_EVERY_MS;
        await store.transaction((tx) => tx.throttle.prune(nowMs - THROTTLE_BUCKET_RETENTION_MS));
      }
      return decision;
    },
  };
}
