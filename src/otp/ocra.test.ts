import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { hmacKey } from './hmac-key.ts';
import { ocra, type OcraInput } from './ocra.ts';
import { parseOcraSuite } from './ocra-suite.ts';

const K20 = '12345678901234567890';
const K32 = '12345678901234567890123456789012';
const K64 = '1234567890123456789012345678901234567890123456789012345678901234';
const PIN_SHA1 = '7110eda4d09e062aa5e4a390b0a572ac0d2c0220';
const T = 0x132d0b6n;

function setup(): { key: (ascii: string) => KeyObject } {
  return { key: (ascii) => hmacKey(Buffer.from(ascii, 'ascii')) };
}

const repeat = (i: number, times: number): string => String(i).repeat(times);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

interface OcraCase {
  readonly name: string;
  readonly suite: string;
  readonly secret: string;
  readonly cases: ReadonlyArray<readonly [OcraInput, string]>;
}

// RFC 6287 Appendix C (test-vectors.md §3), one row per table line.
const APPENDIX_C: readonly OcraCase[] = [
  {
    name: 'one-way challenge-response', suite: 'OCRA-1:HOTP-SHA1-6:QN08', secret: K20,
    cases: range(10).map((i) => [{ question: repeat(i, 8) },
      ['237653', '243178', '653583', '740991', '608993', '388898', '816933', '224598', '750600', '294470'][i]!]),
  },
  {
    name: 'counter and PIN', suite: 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', secret: K32,
    cases: range(10).map((i) => [{ counter: BigInt(i), question: '12345678', pin: '1234' },
      ['65347737', '86775851', '78192410', '71565254', '10104329', '65983500', '70069104', '91771096', '75011558', '08522129'][i]!]),
  },
  {
    name: 'PIN', suite: 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1', secret: K32,
    cases: range(5).map((i) => [{ question: repeat(i, 8), pinHash: Buffer.from(PIN_SHA1, 'hex') },
      ['83238735', '01501458', '17957585', '86776967', '86807031'][i]!]),
  },
  {
    name: 'counter', suite: 'OCRA-1:HOTP-SHA512-8:C-QN08', secret: K64,
    cases: range(10).map((i) => [{ counter: BigInt(i), question: repeat(i, 8) },
      ['07016083', '63947962', '70123924', '25341727', '33203315', '34205738', '44343969', '51946085', '20403879', '31409299'][i]!]),
  },
  {
    name: 'time', suite: 'OCRA-1:HOTP-SHA512-8:QN08-T1M', secret: K64,
    cases: range(5).map((i) => [{ question: repeat(i, 8), timestamp: T },
      ['95209754', '55907591', '22048402', '24218844', '36209546'][i]!]),
  },
  {
    name: 'mutual, server response', suite: 'OCRA-1:HOTP-SHA256-8:QA08', secret: K32,
    cases: range(5).map((i) => [{ question: `CLI2222${i}SRV1111${i}` },
      ['28247970', '01984843', '65387857', '03351211', '83412541'][i]!]),
  },
  {
    name: 'mutual, client response', suite: 'OCRA-1:HOTP-SHA256-8:QA08', secret: K32,
    cases: range(5).map((i) => [{ question: `SRV1111${i}CLI2222${i}` },
      ['15510767', '90175646', '33777207', '95285278', '28934924'][i]!]),
  },
  {
    name: 'mutual, server response', suite: 'OCRA-1:HOTP-SHA512-8:QA08', secret: K64,
    cases: range(5).map((i) => [{ question: `CLI2222${i}SRV1111${i}` },
      ['79496648', '76831980', '12250499', '90856481', '12761449'][i]!]),
  },
  {
    name: 'mutual, client response with PIN', suite: 'OCRA-1:HOTP-SHA512-8:QA08-PSHA1', secret: K64,
    cases: range(5).map((i) => [{ question: `SRV1111${i}CLI2222${i}`, pin: '1234' },
      ['18806276', '70020315', '01600026', '18951020', '32528969'][i]!]),
  },
  {
    name: 'plain signature', suite: 'OCRA-1:HOTP-SHA256-8:QA08', secret: K32,
    cases: range(5).map((i) => [{ question: `SIG1${i}000` },
      ['53095496', '04110475', '31331128', '76028668', '46554205'][i]!]),
  },
  {
    name: 'plain signature with time', suite: 'OCRA-1:HOTP-SHA512-8:QA10-T1M', secret: K64,
    cases: range(5).map((i) => [{ question: `SIG1${i}00000`, timestamp: T },
      ['77537423', '31970405', '10235557', '95213541', '65360607'][i]!]),
  },
];

for (const { name, suite, secret, cases } of APPENDIX_C) {
  for (const [input, expected] of cases) {
    const label = Object.entries(input).map(([k, v]) => `${k}=${v instanceof Uint8Array ? 'hash' : String(v)}`).join(' ');
    test(`RFC 6287 Appendix C (${name}): ${suite} with ${label} gives ${expected}.`, () => {
      const { key } = setup();
      assert.equal(ocra(suite, key(secret), input), expected);
    });
  }
}

test('SHA1 of the PIN 1234 is the hash Appendix C uses, and pin and pinHash give the same response.', () => {
  const { key } = setup();
  assert.equal(createHash('sha1').update('1234').digest('hex'), PIN_SHA1);
  const suite = 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1';
  assert.equal(
    ocra(suite, key(K32), { question: '11111111', pin: '1234' }),
    ocra(suite, key(K32), { question: '11111111', pinHash: Buffer.from(PIN_SHA1, 'hex') }),
  );
});

test('A parsed suite gives the same response as its text.', () => {
  const { key } = setup();
  const parsed = parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08');
  assert.equal(ocra(parsed, key(K20), { question: '33333333' }), '740991');
});

test('parseOcraSuite reads every field of a full suite.', () => {
  assert.deepEqual(parseOcraSuite('OCRA-1:HOTP-SHA512-10:C-QH64-PSHA256-S128-T30S'), {
    text: 'OCRA-1:HOTP-SHA512-10:C-QH64-PSHA256-S128-T30S',
    algorithm: 'SHA512', digits: 10, counter: true, questionFormat: 'H', questionLength: 64,
    pinAlgorithm: 'SHA256', sessionBytes: 128, timeStepSeconds: 30,
  });
  assert.deepEqual(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08'), {
    text: 'OCRA-1:HOTP-SHA1-6:QN08',
    algorithm: 'SHA1', digits: 6, counter: false, questionFormat: 'N', questionLength: 8,
    pinAlgorithm: null, sessionBytes: null, timeStepSeconds: null,
  });
});

test('parseOcraSuite accepts the edges of RFC 6287 §6 (and erratum 3729 for hours).', () => {
  const steps: ReadonlyArray<readonly [string, number]> = [['T1S', 1], ['T59S', 59], ['T1M', 60], ['T59M', 3540], ['T1H', 3600], ['T48H', 172800]];
  for (const [step, seconds] of steps) {
    assert.equal(parseOcraSuite(`OCRA-1:HOTP-SHA1-6:QN08-${step}`).timeStepSeconds, seconds, step);
  }
  for (const digits of [0, 4, 9, 10]) assert.equal(parseOcraSuite(`OCRA-1:HOTP-SHA1-${digits}:QA04`).digits, digits);
  assert.equal(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QA64').questionLength, 64);
  assert.equal(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08-S064').sessionBytes, 64);
});

test('parseOcraSuite refuses every suite RFC 6287 §6 does not allow with a TypeError.', () => {
  const bad = [
    '', 'OCRA-2:HOTP-SHA1-6:QN08', 'ocra-1:hotp-sha1-6:qn08', 'OCRA-1:TOTP-SHA1-6:QN08', 'OCRA-1:HOTP-MD5-6:QN08',
    'OCRA-1:HOTP-SHA1-1:QN08', 'OCRA-1:HOTP-SHA1-3:QN08', 'OCRA-1:HOTP-SHA1-11:QN08', 'OCRA-1:HOTP-SHA1-06:QN08',
    'OCRA-1:HOTP-SHA1-6:QN03', 'OCRA-1:HOTP-SHA1-6:QN65', 'OCRA-1:HOTP-SHA1-6:QN8', 'OCRA-1:HOTP-SHA1-6:QX08',
    'OCRA-1:HOTP-SHA1-6:C', 'OCRA-1:HOTP-SHA1-6:C-', 'OCRA-1:HOTP-SHA1-6:QN08-C', 'OCRA-1:HOTP-SHA1-6:QN08-PMD5',
    'OCRA-1:HOTP-SHA1-6:QN08-S000', 'OCRA-1:HOTP-SHA1-6:QN08-S64', 'OCRA-1:HOTP-SHA1-6:QN08-T0H',
    'OCRA-1:HOTP-SHA1-6:QN08-T49H', 'OCRA-1:HOTP-SHA1-6:QN08-T60M', 'OCRA-1:HOTP-SHA1-6:QN08-T0S',
    'OCRA-1:HOTP-SHA1-6:QN08-T1D', 'OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1', 'OCRA-1:HOTP-SHA1-6:QN08 ',
    'OCRA-1:HOTP-SHA1-6:QN08\n',
  ];
  for (const suite of bad) assert.throws(() => parseOcraSuite(suite), TypeError, JSON.stringify(suite));
  assert.throws(() => parseOcraSuite(undefined as unknown as string), TypeError);
});

test('With -0 the full HMAC over Suite ‖ 0x00 ‖ Q is returned as hex (no truncation, RFC 6287 §5.2).', () => {
  const { key } = setup();
  const suite = 'OCRA-1:HOTP-SHA1-0:QN08';
  // Q = 00000000 is the number 0, so the 128-byte question field is all zeros.
  const expected = createHmac('sha1', Buffer.from(K20, 'ascii'))
    .update(Buffer.concat([Buffer.from(suite, 'ascii'), Buffer.alloc(1), Buffer.alloc(128)]))
    .digest('hex');
  assert.equal(ocra(suite, key(K20), { question: '00000000' }), expected);
  assert.equal(expected.length, 40);
});

test('An odd-length hex question is left-aligned in nibbles, as the RFC reference code pads it.', () => {
  const { key } = setup();
  const suite = 'OCRA-1:HOTP-SHA1-0:QH08';
  assert.equal(ocra(suite, key(K20), { question: 'ABC' }), ocra(suite, key(K20), { question: 'abc0' }));
  assert.notEqual(ocra(suite, key(K20), { question: 'ABC' }), ocra(suite, key(K20), { question: '0ABC' }));
});

test('A session shorter than nnn bytes is left-padded with zeros; a longer or missing one is a TypeError.', () => {
  const { key } = setup();
  const suite = 'OCRA-1:HOTP-SHA1-8:QN08-S064';
  const short = Buffer.from('0102', 'hex');
  const padded = Buffer.concat([Buffer.alloc(62), short]);
  assert.equal(ocra(suite, key(K20), { question: '1', session: short }), ocra(suite, key(K20), { question: '1', session: padded }));
  const rightPadded = Buffer.concat([short, Buffer.alloc(62)]);
  assert.notEqual(ocra(suite, key(K20), { question: '1', session: short }), ocra(suite, key(K20), { question: '1', session: rightPadded }));
  assert.throws(() => ocra(suite, key(K20), { question: '1', session: Buffer.alloc(65) }), TypeError);
  assert.throws(() => ocra(suite, key(K20), { question: '1' }), TypeError);
});

test('Inputs the suite does not declare, or declared inputs left out, are a TypeError.', () => {
  const { key } = setup();
  const k = key(K64);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08', k, { question: '1', counter: 1n }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:C-QN08', k, { question: '1' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08', k, { question: '1', timestamp: T }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08-T1M', k, { question: '1' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08', k, { question: '1', pin: '1234' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08-PSHA1', k, { question: '1' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08-PSHA1', k, { question: '1', pin: '1234', pinHash: Buffer.alloc(20) }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08-PSHA256', k, { question: '1', pinHash: Buffer.alloc(20) }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:QN08', k, { question: '1', session: Buffer.alloc(64) }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:C-QN08', k, { question: '1', counter: -1n }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA512-8:C-QN08', k, { question: '1', counter: 2n ** 64n }), TypeError);
});

test('A question that does not fit its format or the 128-byte field is a TypeError.', () => {
  const { key } = setup();
  const k = key(K32);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QN08', k, { question: '1234567a' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QN08', k, { question: '１２３４５６７８' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QN08', k, { question: '' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QH08', k, { question: 'ABCDEFGX' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QA08', k, { question: 'ＳＩＧ１０００' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QA08', k, { question: 'SIG 1000' }), TypeError);
  assert.throws(() => ocra('OCRA-1:HOTP-SHA256-8:QA64', k, { question: 'A'.repeat(129) }), TypeError);
  assert.equal(ocra('OCRA-1:HOTP-SHA256-8:QA64', k, { question: 'A'.repeat(128) }).length, 8);
});
