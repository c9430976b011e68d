import { createHmac, type KeyObject } from 'node:crypto';
import { nodeHashName, type HmacAlgorithm } from './algorithm.ts';
import { hotpSha1Truncated, sha1PadState } from './hmac-sha1.ts';
import { dynamicTruncate } from './truncate.ts';

/** HOTP of the counter hi·2^32 + lo (both unsigned 32-bit halves), as a number. */
export type OtpOfCounter = (hi: number, lo: number) => number;

// One 8-byte message buffer for node:crypto's HMACs: update() copies it before returning.
const message = Buffer.alloc(8);

/**
 * RFC 4226 §5.3 for one key: HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^digits, as a number. The caller has
 * checked digits (6–8) and the algorithm. SHA-1 takes the precomputed-pad path (hmac-sha1.ts), its pads
 * fetched once here rather than once per counter; SHA-256 and SHA-512 go through node:crypto. Why a number:
 * comparing two small integers is one constant-time machine compare, with no string built per slot.
 * Why halves: RFC 4226 §5.1 C is 8 bytes big-endian and RFC 6238 §4.2 T beyond 32 bits MUST work, so the
 * counter travels as two exact 32-bit halves, never through one 32-bit bit operation.
 */
export function otpOfCounter(key: KeyObject, digits: number, algorithm: HmacAlgorithm): OtpOfCounter {
  const modulus = 10 ** digits;
  if (algorithm === 'SHA1') {
    const state = sha1PadState(key);
    return (hi, lo) => hotpSha1Truncated(state, hi, lo) % modulus;
  }
  const name = nodeHashName(algorithm);
  return (hi, lo) => {
    message.writeUInt32BE(hi, 0);
    message.writeUInt32BE(lo, 4);
    return dynamicTruncate(createHmac(name, key).update(message).digest()) % modulus;
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_32 = 2 ** 32;

/** The two unsigned 32-bit halves of a counter in 0…2^64−1 (exact double arithmetic below 2^53, as any TOTP step is). */
export function counterHalves(counter: bigint): [hi: number, lo: number] {
  if (counter <= MAX_SAFE) {
    const n = Number(counter);
    const hi = Math.floor(n / TWO_32);
    return [hi, n - hi * TWO_32];
  }
  return [Number(counter >> 32n), Number(counter & 0xffffffffn)];
}
