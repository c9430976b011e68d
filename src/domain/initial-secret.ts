// The one-time initial value of a reset 暗証番号: 10 characters of letters and digits, both present, so it
// meets the rules of every 暗証番号 (product.md §2, parseSecret), from an alphabet without the look-alikes
// 0/O/o, 1/l/I, so that it can be read out over the telephone or copied from a letter without error.

import { parseSecret } from './inputs.ts';
import type { RandomBytes } from './session-ids.ts';

export const INITIAL_SECRET_LENGTH = 10;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;
/** Bytes at or above this are skipped so that every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

export function generateInitialSecret(random: RandomBytes): string {
  for (;;) {
    let value = '';
    while (value.length < INITIAL_SECRET_LENGTH) {
      for (const byte of random(INITIAL_SECRET_LENGTH * 2)) {
        if (byte < UNBIASED_LIMIT && value.length < INITIAL_SECRET_LENGTH) value += ALPHABET[byte % ALPHABET.length];
      }
    }
    // About 1 in 5 draws lacks a letter or a digit; draw again rather than bend the distribution.
    if (parseSecret(value, 'initial').ok) return value;
  }
}
