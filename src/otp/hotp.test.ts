import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { hmacKey } from './hmac-key.ts';
import { hotp, MAX_COUNTER } from './hotp.ts';
import { dynamicTruncate } from './truncate.ts';

function setup(): { key20: ReturnType<typeof hmacKey>; secret20: Buffer } {
  const secret20 = Buffer.from('12345678901234567890', 'ascii');
  return { key20: hmacKey(secret20), secret20 };
}

// RFC 4226 Appendix D (test-vectors.md §1): count, HMAC-SHA-1, truncated decimal, HOTP.
const APPENDIX_D: ReadonlyArray<readonly [number, string, number, string]> = [
  [0, 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0', 1284755224, '755224'],
  [1, '75a48a19d4cbe100644e8ac1397eea747a2d33ab', 1094287082, '287082'],
  [2, '0bacb7fa082fef30782211938bc1c5e70416ff44', 137359152, '359152'],
  [3, '66c28227d03a2d5529262ff016a1e6ef76557ece', 1726969429, '969429'],
  [4, 'a904c900a64b35909874b33e61c5938a8e15ed1c', 1640338314, '338314'],
  [5, 'a37e783d7b7233c083d4f62926c7a25f238d0316', 868254676, '254676'],
  [6, 'bc9cd28561042c83f219324d3c607256c03272ae', 1918287922, '287922'],
  [7, 'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', 82162583, '162583'],
  [8, '1b3c89f65e6c9e883012052823443f048b4332db', 673399871, '399871'],
  [9, '1637409809a679dc698207310c8c7fc07290d9e5', 645520489, '520489'],
];

for (const [count, macHex, truncated, expected] of APPENDIX_D) {
  test(`RFC 4226 Appendix D: the HMAC-SHA-1 for count ${count} truncates to ${truncated}`, () => {
    const { secret20 } = setup();
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(count));
    assert.equal(createHmac('sha1', secret20).update(counter).digest('hex'), macHex);
    assert.equal(dynamicTruncate(Buffer.from(macHex, 'hex')), truncated);
  });

  test(`RFC 4226 Appendix D: the 6-digit HOTP for count ${count} is ${expected}`, () => {
    const { key20 } = setup();
    assert.equal(hotp(key20, BigInt(count), 6, 'SHA1'), expected);
  });
}

// Counters beyond 32 bits, computed independently with Python's hmac/struct.pack('>Q').
const BEYOND_32_BITS: ReadonlyArray<readonly [bigint, string, string]> = [
  [2n ** 32n, '999456', '55999456'],
  [2n ** 32n + 1n, '108930', '39108930'],
  [MAX_COUNTER, '094451', '63094451'],
];

for (const [counter, six, eight] of BEYOND_32_BITS) {
  test(`HOTP at counter ${counter} uses all 64 bits of the counter and gives ${six} / ${eight}`, () => {
    const { key20 } = setup();
    assert.equal(hotp(key20, counter, 6, 'SHA1'), six);
    assert.equal(hotp(key20, counter, 8, 'SHA1'), eight);
  });
}

test('A counter of 2^32 + 1 does not wrap to 1 as a 32-bit implementation would.', () => {
  const { key20 } = setup();
  assert.notEqual(hotp(key20, 2n ** 32n + 1n, 6, 'SHA1'), hotp(key20, 1n, 6, 'SHA1'));
});

test('A code keeps its leading zeros as a string.', () => {
  const { key20 } = setup();
  const code = hotp(key20, MAX_COUNTER, 6, 'SHA1');
  assert.equal(typeof code, 'string');
  assert.equal(code, '094451');
});

test('A counter below zero or above 2^64 − 1 is a RangeError.', () => {
  const { key20 } = setup();
  assert.throws(() => hotp(key20, -1n, 6, 'SHA1'), RangeError);
  assert.throws(() => hotp(key20, MAX_COUNTER + 1n, 6, 'SHA1'), RangeError);
  assert.throws(() => hotp(key20, 1 as unknown as bigint, 6, 'SHA1'), RangeError);
});

test('Digits other than 6, 7 or 8 are a TypeError.', () => {
  const { key20 } = setup();
  for (const digits of [0, 4, 5, 9, 10, 6.5, Number.NaN]) {
    assert.throws(() => hotp(key20, 0n, digits, 'SHA1'), TypeError, `digits ${digits}`);
  }
  assert.equal(hotp(key20, 0n, 7, 'SHA1'), '4755224');
});

test('An unknown algorithm is a TypeError.', () => {
  const { key20 } = setup();
  assert.throws(() => hotp(key20, 0n, 6, 'MD5' as 'SHA1'), TypeError);
});

test('hmacKey refuses a secret shorter than 16 bytes, such as RFC 6030 Figure 2\'s "1234".', () => {
  assert.throws(() => hmacKey(Buffer.from('1234', 'ascii')), RangeError);
  assert.throws(() => hmacKey(new Uint8Array(15)), RangeError);
  assert.equal(hmacKey(new Uint8Array(16)).symmetricKeySize, 16);
});
