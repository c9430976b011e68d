// Throttles for the hot path (the verify API), shared by every instance through the database like
// throttle.ts, but kept off the per-request path: an instance takes a LEASE of several attempts at once from
// the database bucket (one conditional upsert, `hitMany`, counted only when the whole lease fits) and hands
// them out in memory until they run out or the window ends.
//
// Bounds (documented in README.md): the database never counts more than the limit, and an instance admits
// only attempts it leased, so all instances together NEVER admit more than the limit in a window (no
// overshoot). The cost is undershoot: attempts leased but not used by the end of the window are lost, at most
// `leaseSize(limit) − 1` per instance and bucket, i.e. under 1 % of the limit per instance. When less than
// a whole lease is left, attempts are taken from the database one at a time, exactly as throttle.ts does, so
// a small limit (a key's `--rate 3/min`) is counted exactly.
import { THROTTLE_BUCKET_RETENTION_MS } from './policy.ts';
import type { Store } from './store-ports.ts';
import { windowStartMs, type Throttle, type ThrottleDecision, type ThrottleGate } from './throttle.ts';

/** Attempts taken per lease: a hundredth of the limit (1 below 200 a window), at most 1,000. */
export function leaseSize(limit: number): number {
  return Math.max(1, Math.min(1000, Math.floor(limit / 100)));
}

interface Lease {
  windowStartMs: number;
  left: number;
  /** Leases are taken one after the other per bucket: parallel requests wait for the one in flight. */
  taking: Promise<void> | null;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;

export function createLeasedThrottleGate(store: Store): ThrottleGate {
  const leases = new Map<string, Lease>();
  let nextPruneMs = 0;

  async function take(t: Throttle, start: number, lease: Lease): Promise<boolean> {
    const size = leaseSize(t.limit);
    return store.transaction(async (tx) => {
      if (size > 1 && (await tx.throttle.hitMany(t.bucket, start, t.limit, size)).counted) {
        lease.windowStartMs = start;
        lease.left = size;
        return true;
      }
      if (!(await tx.throttle.hit(t.bucket, start, t.limit)).counted) return false;
      lease.windowStartMs = start;
      lease.left = 1;
      return true;
    });
  }

  async function passOne(t: Throttle, nowMs: number): Promise<boolean> {
    const start = windowStartMs(nowMs, t.windowMs);
    let lease = leases.get(t.bucket);
    if (lease === undefined) {
      lease = { windowStartMs: start, left: 0, taking: null };
      leases.set(t.bucket, lease);
    }
    for (;;) {
      if (lease.windowStartMs === start && lease.left > 0) {
        lease.left--;
        return true;
      }
      if (lease.taking !== null) {
        await lease.taking;
        continue;
      }
      let counted = false;
      const current = lease;
      current.taking = take(t, start, current).then((ok) => { counted = ok; }).finally(() => { current.taking = null; });
      await current.taking;
      if (!counted) return false;
    }
  }

  return {
    async pass(throttles, nowMs): Promise<ThrottleDecision> {
      const list = typeof throttles === 'function' ? await store.transaction(throttles) : throttles;
      for (const t of list) {
        if (!(await passOne(t, nowMs))) {
          const start = windowStartMs(nowMs, t.windowMs);
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + t.windowMs - nowMs) / 1000)) };
        }
      }
      if (nowMs >= nextPruneMs) {
        nextPruneMs = nowMs + PRUNE_EVERY_MS;
        // Forget leases of windows gone by, so the map holds only live buckets.
        for (const [bucket, lease] of leases) if (lease.taking === null && lease.windowStartMs < nowMs - THROTTLE_BUCKET_RETENTION_MS) leases.delete(bucket);
        await store.transaction((tx) => tx.throttle.prune(nowMs - THROTTLE_BUCKET_RETENTION_MS));
      }
      return { ok: true };
    },
  };
}
