import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import type { HmacAlgorithm } from './algorithm.ts';
import { hmacKey } from './hmac-key.ts';
import { totp, totpStep } from './totp.ts';

// RFC 6238 Appendix B seeds; the 32- and 64-byte ones come from Appendix A's seed32/seed64 (erratum 2866).
function setup(): { keys: Record<HmacAlgorithm, KeyObject> } {
  const ascii = (text: string): KeyObject => hmacKey(Buffer.from(text, 'ascii'));
  return {
    keys: {
      SHA1: ascii('12345678901234567890'),
      SHA256: ascii('12345678901234567890123456789012'),
      SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
    },
  };
}

// RFC 6238 Appendix B (test-vectors.md §2): time, T, SHA1, SHA256, SHA512, derived SHA1 6-digit.
const APPENDIX_B: ReadonlyArray<readonly [number, string, string, string, string, string]> = [
  [59, '0000000000000001', '94287082', '46119246', '90693936', '287082'],
  [1111111109, '00000000023523EC', '07081804', '68084774', '25091201', '081804'],
  [1111111111, '00000000023523ED', '14050471', '67062674', '99943326', '050471'],
  [1234567890, '000000000273EF07', '89005924', '91819424', '93441116', '005924'],
  [2000000000, '0000000003F940AA', '69279037', '90698825', '38618901', '279037'],
  [20000000000, '0000000027BC86AA', '65353130', '77737706', '47863826', '353130'],
];

for (const [seconds, stepHex, sha1, sha256, sha512, sha1Six] of APPENDIX_B) {
  const nowMs = seconds * 1000;
  test(`RFC 6238 Appendix B: at ${seconds} s the 30-second step is 0x${stepHex}.`, () => {
    assert.equal(totpStep(nowMs, 30), BigInt(`0x${stepHex}`));
  });

  for (const [algorithm, expected] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
    test(`RFC 6238 Appendix B: at ${seconds} s the 8-digit ${algorithm} TOTP is ${expected}.`, () => {
      const { keys } = setup();
      assert.equal(totp(keys[algorithm], nowMs, { algorithm, digits: 8, stepSeconds: 30 }), expected);
    });
  }

  test(`At ${seconds} s the 6-digit SHA1 TOTP is ${sha1Six}, leading zeros kept.`, () => {
    const { keys } = setup();
    assert.equal(totp(keys.SHA1, nowMs, { algorithm: 'SHA1', digits: 6, stepSeconds: 30 }), sha1Six);
  });
}

test('The 20000000000 s row has a time beyond 2^32 seconds, though its step 0x27BC86AA still fits in 32 bits.', () => {
  assert.ok(20000000000 > 2 ** 32);
  assert.ok(totpStep(20000000000 * 1000, 30) < 2n ** 32n);
});

test('A step beyond 2^32 is computed exactly: with 1-second steps at 4294967297 s the code is HOTP(2^32 + 1).', () => {
  const { keys } = setup();
  const nowMs = 4294967297 * 1000;
  assert.equal(totpStep(nowMs, 1), 2n ** 32n + 1n);
  // Expected value computed independently with Python's hmac (see hotp.test.ts).
  assert.equal(totp(keys.SHA1, nowMs, { algorithm: 'SHA1', digits: 6, stepSeconds: 1 }), '108930');
});

test('The step is floored: 29.999 s is step 0 and 30 s is step 1 (T0 = 0).', () => {
  assert.equal(totpStep(0, 30), 0n);
  assert.equal(totpStep(29999, 30), 0n);
  assert.equal(totpStep(29999.9, 30), 0n);
  assert.equal(totpStep(30000, 30), 1n);
  assert.equal(totpStep(59999, 60), 0n);
  assert.equal(totpStep(60000, 60), 1n);
});

test('A time before the epoch or not finite is a RangeError, and a step that is not a positive integer is a TypeError.', () => {
  assert.throws(() => totpStep(-1, 30), RangeError);
  assert.throws(() => totpStep(Number.NaN, 30), RangeError);
  assert.throws(() => totpStep(Number.POSITIVE_INFINITY, 30), RangeError);
  assert.throws(() => totpStep(0, 0), TypeError);
  assert.throws(() => totpStep(0, 1.5), TypeError);
  assert.throws(() => totpStep(0, -30), TypeError);
});
