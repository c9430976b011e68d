import { timingSafeEqual, type KeyObject } from 'node:crypto';
import type { HmacAlgorithm } from './algorithm.ts';
import { hotp } from './hotp.ts';
import { windowCounters } from './window-counters.ts';

export interface WindowInput {
  readonly key: KeyObject;
  readonly algorithm: HmacAlgorithm;
  readonly digits: number;
  /** As the user typed it; checked here, so malformed input is a result, never an exception. */
  readonly code: string;
  /** First and last counter (HOTP) or time step (TOTP) to try, inclusive. */
  readonly first: bigint;
  readonly last: bigint;
  /** The highest counter/step already consumed for this token; null when none was. */
  readonly lastConsumed: bigint | null;
}

export type WindowResult =
  | { readonly kind: 'accepted'; readonly counter: bigint }
  | { readonly kind: 'rejected'; readonly reason: 'malformed' | 'invalid' | 'replayed' };

/**
 * Looks for `code` among the codes of every counter in [first, last]. On acceptance the caller must store
 * `counter` as the new last-consumed value, atomically with what the code authorises (only the store can
 * make "once" hold across concurrent requests; this function only sees one snapshot).
 *
 * Replay: with a monotonic last-consumed counter, a code at or below it is refused, which enforces
 * RFC 6238 §5.2's "MUST NOT accept the second attempt" and, as a consequence, also refuses an older code
 * still inside the window after a newer one was accepted (security.md, NIST SP 800-63B §5.1.4.2).
 */
export function verifyInWindow(input: WindowInput): WindowResult {
  const { key, algorithm, digits, code, lastConsumed } = input;
  // The window and the configuration are checked before the code, so a broken configuration throws
  // whatever the user typed.
  const counters = windowCounters(input.first, input.last);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TypeError(`digits must be 6, 7 or 8, got ${String(digits)}`);
  }
  // Exactly `digits` ASCII digits: [0-9], not \d's wider meanings and not 全角 "１２３４５６".
  if (typeof code !== 'string' || code.length !== digits || !/^[0-9]+$/.test(code)) {
    return { kind: 'rejected', reason: 'malformed' };
  }
  const submitted = Buffer.from(code, 'ascii');

  // RFC 4226 §7 / security.md: every slot is computed and compared in constant time, and the loop never
  // stops early, so the response time says nothing about where (or whether) the code matched.
  let acceptedCounter: bigint | null = null;
  let matchedConsumed = false;
  for (const counter of counters) {
    const expected = Buffer.from(hotp(key, counter, digits, algorithm), 'ascii');
    const equal = timingSafeEqual(submitted, expected);
    const fresh = lastConsumed === null || counter > lastConsumed;
    // Counters ascend, so the first fresh match is the lowest one above lastConsumed.
    if (equal && fresh && acceptedCounter === null) acceptedCounter = counter;
    if (equal && !fresh) matchedConsumed = true;
  }
  if (acceptedCounter !== null) return { kind: 'accepted', counter: acceptedCounter };
  return { kind: 'rejected', reason: matchedConsumed ? 'replayed' : 'invalid' };
}
