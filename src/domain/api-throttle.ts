// The verify API's throttles (policy.ts): per source address and per API key, counted in the database by
// every instance. A key is counted by its hash, so unknown keys count too; a key with its own rate
// (`apikeys create --rate N/min`) is held to it, read in the throttle's own short transaction.
import { API_RATE_WINDOW_MS, API_REQUESTS_PER_KEY, API_REQUESTS_PER_SOURCE } from './policy.ts';
import { sourceKey } from './source-key.ts';
import type { StoreTx } from './store-ports.ts';
import type { Throttle } from './throttle.ts';

export function apiThrottles(ip: string, keyHash: string): (tx: StoreTx) => Promise<Throttle[]> {
  return async (tx) => {
    const rate = (await tx.apiKeys.findActive(keyHash))?.ratePerMinute ?? API_REQUESTS_PER_KEY;
    return [
      { bucket: `api:source:${sourceKey(ip)}`, limit: API_REQUESTS_PER_SOURCE, windowMs: API_RATE_WINDOW_MS },
      { bucket: `api:key:${keyHash}`, limit: rate, windowMs: API_RATE_WINDOW_MS },
    ];
  };
}

/** The same throttles for a key whose rate is already known (api-key-rates.ts). */
export function apiThrottlesAt(ip: string, keyHash: string, ratePerMinute: number | null): Throttle[] {
  return [
    { bucket: `api:source:${sourceKey(ip)}`, limit: API_REQUESTS_PER_SOURCE, windowMs: API_RATE_WINDOW_MS },
    { bucket: `api:key:${keyHash}`, limit: ratePerMinute ?? API_REQUESTS_PER_KEY, windowMs: API_RATE_WINDOW_MS },
  ];
}
