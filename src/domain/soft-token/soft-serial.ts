// A software token's シリアル番号: `2` + 13 random digits (the seed's software serials start with 2), from
// random bytes by rejection sampling, so every serial is equally likely.

import { SOFT_SERIAL_RANDOM_DIGITS } from './soft-token-policy.ts';

export type RandomBytes = (size: number) => Uint8Array;

const RANGE = 10n ** BigInt(SOFT_SERIAL_RANDOM_DIGITS);
// The largest multiple of RANGE that 64 bits hold: values at or past it would favour small numbers.
const LIMIT = (2n ** 64n / RANGE) * RANGE;

export function newSoftSerial(random: RandomBytes): string {
  for (;;) {
    const value = Buffer.from(random(8)).readBigUInt64BE();
    if (value < LIMIT) return `2${(value % RANGE).toString().padStart(SOFT_SERIAL_RANDOM_DIGITS, '0')}`;
  }
}

export const SOFT_SERIAL_FORMAT = /^2\d{13}$/;
