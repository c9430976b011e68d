// A software token's シリアル番号: `2` and 13 random digits (SOFT-TOKEN-SPEC.md), the 14 digits the seed's
// registration screen reads, in a range the bank's hardware stock (`1…`) never uses.

import type { RandomBytes } from '../session-ids.ts';

export const SOFT_SERIAL_PREFIX = '2';
export const SOFT_SERIAL_RANDOM_DIGITS = 13;
/** Bytes at or above this are skipped so that every digit is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 250;

export function generateSoftSerial(random: RandomBytes): string {
  let digits = '';
  while (digits.length < SOFT_SERIAL_RANDOM_DIGITS) {
    for (const byte of random(SOFT_SERIAL_RANDOM_DIGITS * 2)) {
      if (byte < UNBIASED_LIMIT && digits.length < SOFT_SERIAL_RANDOM_DIGITS) digits += String(byte % 10);
    }
  }
  return SOFT_SERIAL_PREFIX + digits;
}
