import { MAX_COUNTER } from './hotp.ts';

/**
 * A window wider than this is a configuration mistake, not a policy: every slot costs an HMAC, and
 * RFC 4226 §7.4 / RFC 6238 §5.2 ask for a small look-ahead. (Payments use ±1 step, registration ±10.)
 */
export const MAX_WINDOW_SPAN = 1000n;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
const MAX_SPAN = Number(MAX_WINDOW_SPAN);

/**
 * Every counter a verification window covers, ascending: `first` to `last` inclusive, leaving out the
 * counters that cannot exist (below 0, e.g. a −1 step just after the epoch, or above 2^64 − 1).
 * verifyInWindow computes a code for each of these, so this list is the work it always does.
 */
export function windowCounters(first: bigint, last: bigint): bigint[] {
  if (typeof first !== 'bigint' || typeof last !== 'bigint') throw new TypeError('first and last must be bigints');
  if (last < first) throw new RangeError(`window is empty: last ${last} < first ${first}`);
  if (last - first > MAX_WINDOW_SPAN) {
    throw new RangeError(`window spans ${last - first + 1n} counters; at most ${MAX_WINDOW_SPAN + 1n} allowed`);
  }
  const counters: bigint[] = [];
  for (let counter = first; counter <= last; counter++) {
    if (counter >= 0n && counter <= MAX_COUNTER) counters.push(counter);
  }
  return counters;
}

/**
 * The same slots as windowCounters, as a range: `from` and the number of slots `count` (0 when none exists),
 * with the same checks. verifyInWindow walks it without a list or a BigInt per slot.
 */
export function windowRange(first: bigint, last: bigint): { readonly from: bigint; readonly count: number } {
  if (typeof first !== 'bigint' || typeof last !== 'bigint') throw new TypeError('first and last must be bigints');
  if (last < first) throw new RangeError(`window is empty: last ${last} < first ${first}`);
  // Within ±2^53 (every TOTP step) the span is exact in double arithmetic, without a BigInt per call.
  const span = first >= MIN_SAFE && last <= MAX_SAFE ? Number(last) - Number(first) : Number(last - first);
  if (span > MAX_SPAN) {
    throw new RangeError(`window spans ${last - first + 1n} counters; at most ${MAX_WINDOW_SPAN + 1n} allowed`);
  }
  const from = first < 0n ? 0n : first;
  const to = last > MAX_COUNTER ? MAX_COUNTER : last;
  if (to < from) return { from, count: 0 };
  return { from, count: (from === first && to === last ? span : Number(to - from)) + 1 };
}
