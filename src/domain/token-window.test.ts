import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAYMENT_LOOKAHEAD_COUNTERS, PAYMENT_WINDOW_STEPS, REGISTRATION_LOOKAHEAD_COUNTERS, REGISTRATION_WINDOW_STEPS } from './policy.ts';
import { codeWindow } from './token-window.ts';

const T = 1_800_000_000_000; // a multiple of 30 s and 60 s
const totp = { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const;
const hotp = { type: 'hotp', algorithm: 'SHA1', digits: 6 } as const;
const step = BigInt(T / 30_000);

test('a payment window is the expected step ±1, centred on the stored drift', () => {
  assert.deepEqual(codeWindow({ params: totp, drift: 0, lastCounter: null, counter: 0n }, T, 'payment'), { first: step - 1n, last: step + 1n, expected: step });
  assert.deepEqual(codeWindow({ params: totp, drift: 3, lastCounter: null, counter: 0n }, T, 'payment'), { first: step + 3n - BigInt(PAYMENT_WINDOW_STEPS), last: step + 3n + BigInt(PAYMENT_WINDOW_STEPS), expected: step });
});

test('a registration window is ±10 steps around the clock, whatever drift was stored before', () => {
  const w = codeWindow({ params: totp, drift: 7, lastCounter: null, counter: 0n }, T, 'registration');
  assert.deepEqual(w, { first: step - BigInt(REGISTRATION_WINDOW_STEPS), last: step + BigInt(REGISTRATION_WINDOW_STEPS), expected: step });
});

test('a 60-second token counts steps of 60 seconds', () => {
  const w = codeWindow({ params: { ...totp, stepSeconds: 60 }, drift: 0, lastCounter: null, counter: 0n }, T, 'payment');
  assert.equal(w.expected, BigInt(T / 60_000));
});

test('HOTP looks ahead 10 counters for payments and 100 at registration, from the next unused counter', () => {
  assert.deepEqual(codeWindow({ params: hotp, drift: 0, lastCounter: null, counter: 5n }, T, 'payment'), { first: 5n, last: 5n + BigInt(PAYMENT_LOOKAHEAD_COUNTERS) - 1n, expected: 5n });
  assert.deepEqual(codeWindow({ params: hotp, drift: 0, lastCounter: 9n, counter: 0n }, T, 'registration'), { first: 9n, last: 10n + BigInt(REGISTRATION_LOOKAHEAD_COUNTERS) - 1n, expected: 10n });
});
