// A per-IP limit on login attempts, in front of the domain's per-contract lockout: it slows one address
// guessing across many contracts, which the lockout alone would not. Kept in memory, so each server instance
// counts on its own; the lockout in the database is what holds across instances.

/** Login attempts allowed from one IP address per window… */
export const LOGIN_ATTEMPTS_PER_IP = 10;
/** …of this many milliseconds. */
export const LOGIN_RATE_WINDOW_MS = 60 * 1000;
/** Beyond this many tracked addresses, expired ones are swept so the map cannot grow without end. */
const SWEEP_ABOVE_ENTRIES = 10_000;

export interface LoginRateLimit {
  /** Counts one attempt from `ip` at `nowMs`; false when the address is over its limit. */
  allow(ip: string, nowMs: number): boolean;
}

export function createLoginRateLimit(maxAttempts = LOGIN_ATTEMPTS_PER_IP, windowMs = LOGIN_RATE_WINDOW_MS): LoginRateLimit {
  const windows = new Map<string, { startMs: number; count: number }>();
  return {
    allow(ip, nowMs) {
      if (windows.size > SWEEP_ABOVE_ENTRIES) {
        for (const [key, w] of windows) if (nowMs - w.startMs >= windowMs) windows.delete(key);
      }
      const current = windows.get(ip);
      if (current === undefined || nowMs - current.startMs >= windowMs) {
        windows.set(ip, { startMs: nowMs, count: 1 });
        return true;
      }
      current.count += 1;
      return current.count <= maxAttempts;
    },
  };
}
