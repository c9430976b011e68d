import type { KeyObject } from 'node:crypto';
import { nodeHashName, type HmacAlgorithm } from './algorithm.ts';
import { hotpSha1Truncated, sha1PadState } from './hmac-sha1.ts';
import { counterHalves, otpOfCounter } from './otp-value.ts';
import { windowRange } from './window-counters.ts';

const TWO_32 = 2 ** 32;

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
  const { from, count } = windowRange(input.first, input.last);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TypeError(`digits must be 6, 7 or 8, got ${String(digits)}`);
  }
  nodeHashName(algorithm);
  if (key?.type !== 'secret') throw new TypeError('key must be a secret KeyObject (see hmacKey)');
  const submitted = codeValue(code, digits);
  if (submitted < 0) return { kind: 'rejected', reason: 'malformed' };

  // RFC 4226 §7 / security.md: every slot is computed and compared in constant time, and the loop never
  // stops early, so the response time says nothing about where (or whether) the code matched. Each
  // comparison is of two small integers (one machine compare, no byte-by-byte early exit).
  // SHA-1 (every bank token) calls its HMAC directly, which lets the engine inline it into this loop.
  const sha1 = algorithm === 'SHA1' ? sha1PadState(key) : null;
  const otpOf = sha1 === null ? otpOfCounter(key, digits, algorithm) : null;
  const modulus = 10 ** digits;
  // Slots at index ≥ freshFrom lie above lastConsumed (a number, as the window is at most 1001 slots).
  const freshFrom = lastConsumed === null || lastConsumed < from ? 0 : Math.min(count, Number(lastConsumed - from) + 1);
  let [hi, lo] = counterHalves(from);
  let acceptedIndex = -1;
  let matchedConsumed = false;
  for (let i = 0; i < count; i++) {
    const equal = (sha1 === null ? otpOf!(hi, lo) : hotpSha1Truncated(sha1, hi, lo) % modulus) === submitted;
    const fresh = i >= freshFrom;
    // Slots ascend, so the first fresh match is the lowest counter above lastConsumed.
    if (equal && fresh && acceptedIndex < 0) acceptedIndex = i;
    if (equal && !fresh) matchedConsumed = true;
    lo++;
    if (lo === TWO_32) {
      lo = 0;
      hi++;
    }
  }
  if (acceptedIndex >= 0) return { kind: 'accepted', counter: from + BigInt(acceptedIndex) };
  return { kind: 'rejected', reason: matchedConsumed ? 'replayed' : 'invalid' };
}

/**
 * The code as an integer when it is exactly `digits` ASCII digits ([0-9]: not \d's wider meanings, not 全角
 * "１２３４５６"), else −1. At most 8 digits, so the value is exact; leading zeros count toward the length.
 */
function codeValue(code: unknown, digits: number): number {
  if (typeof code !== 'string' || code.length !== digits) return -1;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const d = code.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
