// What the verify API remembers about API keys in one instance's memory, to keep statements off the hot
// path. Neither memo decides whether a key is valid: that is read in every verification's own transaction,
// so a revoked or expired key is refused at once on every instance (bank-verify.ts).
// - A key's rate (`--rate N/min`, fixed when the key is made) is read once per RATE_TTL_MS per instance.
// - A key's last use is written at most once per API_KEY_TOUCH_EVERY_MS per instance; the conditional
//   UPDATE (api-keys.ts touch) still keeps it to once a minute across instances.
import type { Store } from './store-ports.ts';

export const RATE_TTL_MS = 60_000;
/** Unknown keys are remembered too (an attacker's random keys): the memo is emptied when it grows past this. */
const MAX_ENTRIES = 10_000;

export interface ApiKeyMemo {
  /** The key's own rate per minute (null: the default), from memory when read less than RATE_TTL_MS ago. */
  rate(keyHash: string, nowMs: number): Promise<number | null>;
  /** Whether last use should be written now; `touched` records that it was committed. */
  touchDue(keyHash: string, nowMs: number, everyMs: number): boolean;
  touched(keyHash: string, nowMs: number): void;
}

export function createApiKeyMemo(store: Store): ApiKeyMemo {
  const rates = new Map<string, { rate: number | null; untilMs: number }>();
  const touches = new Map<string, number>();
  return {
    async rate(keyHash, nowMs) {
      const known = rates.get(keyHash);
      if (known !== undefined && nowMs < known.untilMs) return known.rate;
      const rate = (await store.transaction((tx) => tx.apiKeys.findActive(keyHash)))?.ratePerMinute ?? null;
      if (rates.size >= MAX_ENTRIES) rates.clear();
      rates.set(keyHash, { rate, untilMs: nowMs + RATE_TTL_MS });
      return rate;
    },
    touchDue(keyHash, nowMs, everyMs) {
      const last = touches.get(keyHash);
      return last === undefined || nowMs >= last + everyMs || nowMs < last;
    },
    touched(keyHash, nowMs) {
      if (touches.size >= MAX_ENTRIES) touches.clear();
      touches.set(keyHash, nowMs);
    },
  };
}
