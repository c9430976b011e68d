import type { KeyObject } from 'node:crypto';
import { nodeHashName, type HmacAlgorithm } from './algorithm.ts';
import { hotpSha1Truncated, sha1PadState } from './hmac-sha1.ts';
import { counterHalves, otpOfCounter } from './otp-value.ts';
import { MAX_WINDOW_SPAN, windowRange } from './window-counters.ts';

const TWO_32 = 2 ** 32;
const MAX_SPAN = Number(MAX_WINDOW_SPAN);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
// 0n … 1001n: the offset of an accepted slot from the window's start (at most MAX_WINDOW_SPAN + 1 slots).
const OFFSETS: readonly bigint[] = Array.from({ length: MAX_SPAN + 2 }, (_, i) => BigInt(i));

// The previous window's bounds and their numbers. Every TOTP verification of one step and purpose shares its
// window, and comparing two BigInts costs a fraction of converting them. Bounds are public (derived from the
// clock or a stored counter), never secret.
let knownFirst = -1n;
let knownLast = -1n;
let knownF = -1;
let knownL = -1;

// Rejections carry no data, so each is one frozen value rather than an object per call.
const MALFORMED: WindowResult = Object.freeze({ kind: 'rejected', reason: 'malformed' });
const INVALID: WindowResult = Object.freeze({ kind: 'rejected', reason: 'invalid' });
const REPLAYED: WindowResult = Object.freeze({ kind: 'rejected', reason: 'replayed' });

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
  const { key, algorithm, digits, code, first, last, lastConsumed } = input;
  // The window and the configuration are checked before the code, so a broken configuration throws
  // whatever the user typed.
  if (typeof first !== 'bigint' || typeof last !== 'bigint') throw new TypeError('first and last must be bigints');
  // Every TOTP step, and any window whose bounds lie within ±(2^53 − 1), is walked in exact double arithmetic
  // with no BigInt work per slot: Number() of a BigInt is an integer rounded monotonically, so both results
  // within ±(2^53 − 1) means both bounds are, exactly. Any other window (empty, too wide, beyond 2^53 or
  // 2^64) takes windowRange, which throws or covers it in BigInt.
  let f = knownF;
  let l = knownL;
  if (first !== knownFirst || last !== knownLast) {
    f = Number(first);
    l = Number(last);
    knownFirst = first;
    knownLast = last;
    knownF = f;
    knownL = l;
  }
  let from: number;
  let count: number;
  let bigFrom: bigint | null = null;
  if (f >= -MAX_SAFE && l <= MAX_SAFE && f <= l && l - f <= MAX_SPAN) {
    from = Math.max(f, 0);
    count = l < from ? 0 : l - from + 1;
  } else {
    const range = windowRange(first, last);
    bigFrom = range.from;
    count = range.count;
    from = 0;
  }
  if (digits !== 6 && digits !== 7 && digits !== 8) throw new TypeError(`digits must be 6, 7 or 8, got ${String(digits)}`);
  const sha1 = algorithm === 'SHA1';
  if (!sha1) nodeHashName(algorithm);
  if (key?.type !== 'secret') throw new TypeError('key must be a secret KeyObject (see hmacKey)');
  const submitted = codeValue(code, digits);
  if (submitted < 0) return MALFORMED;

  // Slots at index ≥ freshFrom lie above lastConsumed (a number, as the window is at most 1001 slots). In the
  // double path a lastConsumed beyond 2^53 converts to at least 2^53, above every slot, exactly as it compares.
  let freshFrom = 0;
  let hi: number;
  let lo: number;
  if (bigFrom === null) {
    if (lastConsumed !== null) {
      const consumed = Number(lastConsumed);
      freshFrom = consumed < from ? 0 : Math.min(count, consumed - from + 1);
    }
    hi = Math.floor(from / TWO_32);
    lo = from - hi * TWO_32;
  } else {
    if (lastConsumed !== null && lastConsumed >= bigFrom) freshFrom = Math.min(count, Number(lastConsumed - bigFrom) + 1);
    [hi, lo] = counterHalves(bigFrom);
  }

  // RFC 4226 §7 / security.md: every slot is computed and compared in constant time, and the loop never
  // stops early, so the response time says nothing about where (or whether) the code matched. Each
  // comparison is of two small integers (one machine compare, no byte-by-byte early exit).
  // SHA-1 (every bank token) calls its HMAC directly, which lets the engine inline it into this loop.
  const pads = sha1 ? sha1PadState(key) : null;
  const otpOf = pads === null ? otpOfCounter(key, digits, algorithm) : null;
  // An integer modulus (not 10 ** digits, a double), so `%` is an integer remainder.
  const modulus = digits === 6 ? 1_000_000 : digits === 7 ? 10_000_000 : 100_000_000;
  let acceptedIndex = -1;
  let matchedConsumed = false;
  for (let i = 0; i < count; i++) {
    const equal = (pads === null ? otpOf!(hi, lo) : hotpSha1Truncated(pads, hi, lo) % modulus) === submitted;
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
  if (acceptedIndex >= 0) {
    // One BigInt addition of a prebuilt small offset: converting a number with BigInt() costs twice as much.
    const counter = bigFrom === null ? first + OFFSETS[from - f + acceptedIndex]! : bigFrom + OFFSETS[acceptedIndex]!;
    return { kind: 'accepted', counter };
  }
  return matchedConsumed ? REPLAYED : INVALID;
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
