import type { KeyObject } from 'node:crypto';
import { nodeHashName, type HmacAlgorithm } from './algorithm.ts';
import { counterHalves, otpOfCounter } from './otp-value.ts';

/** RFC 4226 §5.1: the counter is an 8-byte value, so 2^64 − 1 is the largest. */
export const MAX_COUNTER = 2n ** 64n - 1n;

/**
 * RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^digits, as a string with leading zeros.
 * Broken assumptions throw: digits outside 6–8 (TypeError; §4 R4 asks for at least 6, and 31 bits
 * cannot fill more than 9 digits evenly), a counter outside 0…2^64−1 (RangeError), a key that is not secret.
 */
export function hotp(key: KeyObject, counter: bigint, digits: number, algorithm: HmacAlgorithm): string {
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TypeError(`digits must be 6, 7 or 8, got ${String(digits)}`);
  }
  if (typeof counter !== 'bigint' || counter < 0n || counter > MAX_COUNTER) {
    throw new RangeError(`counter must be a bigint in 0…2^64−1, got ${String(counter)}`);
  }
  if (key?.type !== 'secret') throw new TypeError('key must be a secret KeyObject (see hmacKey)');
  nodeHashName(algorithm); // a TypeError for an unsupported algorithm, whichever path computes the HMAC
  // "005924" (RFC 6238 App. B) keeps its leading zeros as a string.
  return otpOfCounter(key, digits, algorithm)(...counterHalves(counter)).toString().padStart(digits, '0');
}

// The brief placed hmacKey beside hotp, and callers import it from here; it lives in hmac-key.ts.
export { hmacKey } from './hmac-key.ts';
