import assert from 'node:assert/strict';
import { createECDH, createHmac, hkdfSync } from 'node:crypto';
import { test } from 'node:test';
import { hmacKey, ocra, totp } from '../../otp/index.ts';
import { fromBase64Url, toBase64Url } from './client/b64url.ts';
import { challengeFromDigits, challengeFromQr } from './client/challenge.ts';
import { formatYen, groupSerial, splitCode } from './client/format.ts';
import { ConfirmationMismatch, type Key, deriveTokenKey, hkdfInfo, msToNextStep, newKeyPair, OCRA_SUITE, ocraResponse, totpCode } from './client/token-crypto.ts';

const K32 = Buffer.from('12345678901234567890123456789012', 'ascii');
const K64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');

async function hmacCryptoKey(secret: Uint8Array, hash: 'SHA-256' | 'SHA-512'): Promise<Key> {
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash }, false, ['sign']);
}

/** The server's half of activation, written independently with node:crypto from SOFT-TOKEN-SPEC step 2. */
function serverActivation(clientPublicKeyRaw: Uint8Array, serial: string, tamper = false) {
  const ecdh = createECDH('prime256v1');
  const serverPublic = ecdh.generateKeys();
  const shared = ecdh.computeSecret(clientPublicKeyRaw);
  const activationId = Buffer.alloc(16, 7);
  const info = Buffer.concat([Buffer.from('bizotp-soft-token/1'), Buffer.of(0), Buffer.from(serial), Buffer.of(0), clientPublicKeyRaw, serverPublic, Buffer.from(OCRA_SUITE)]);
  const secret = Buffer.from(hkdfSync('sha256', shared, activationId, info, 32));
  const confirmation = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from('bizotp-server-confirm/1'), Buffer.of(0), Buffer.from(tamper ? '29999999999999' : serial), Buffer.of(0), activationId]))
    .digest();
  return {
    secret,
    answer: { activationId: toBase64Url(activationId), serial, serverPublicKey: toBase64Url(serverPublic), confirmation: toBase64Url(confirmation) },
  };
}

test('TOTP-SHA256 matches RFC 6238 Appendix B, including T beyond 32 bits and leading zeros', async () => {
  const key = await hmacCryptoKey(K32, 'SHA-256');
  const rows: [number, string][] = [
    [59, '46119246'],
    [1111111109, '68084774'],
    [1111111111, '67062674'],
    [1234567890, '91819424'],
    [2000000000, '90698825'],
    [20000000000, '77737706'],
  ];
  for (const [seconds, code] of rows) assert.equal(await totpCode(key, seconds * 1000, 8), code, `T=${seconds}`);
  assert.equal(await totpCode(key, 59_000), '119246');
});

test('the 6-digit code agrees with the server engine src/otp totp() at every step of a minute', async () => {
  const key = await hmacCryptoKey(K32, 'SHA-256');
  for (let now = 1_764_500_000_000; now < 1_764_500_060_000; now += 7_500) {
    assert.equal(await totpCode(key, now), totp(hmacKey(K32), now, { algorithm: 'SHA256', digits: 6, stepSeconds: 30 }));
  }
});

test('OCRA with a time step matches RFC 6287 Appendix C (OCRA-1:HOTP-SHA512-8:QN08-T1M)', async () => {
  const key = await hmacCryptoKey(K64, 'SHA-512');
  const nowMs = 0x132d0b6 * 60_000;
  const expected = ['95209754', '55907591', '22048402', '24218844', '36209546'];
  for (const [i, code] of expected.entries()) assert.equal(await ocraResponse(key, String(i).repeat(8), nowMs, 'OCRA-1:HOTP-SHA512-8:QN08-T1M'), code);
});

test('the app suite QN20-T1M agrees with src/otp ocra() for the longest and odd-length questions', async () => {
  const key = await hmacCryptoKey(K32, 'SHA-256');
  const nowMs = 1_764_500_123_456;
  for (const q of ['1500000012345', '9999999999990000001', '1', '10000000', '123']) {
    const server = ocra(OCRA_SUITE, hmacKey(K32), { question: q, timestamp: BigInt(Math.floor(nowMs / 60_000)) });
    assert.equal(await ocraResponse(key, q, nowMs), server, q);
  }
});

test('activation derives the server secret as a non-extractable key and checks the server confirmation', async () => {
  const pair = await newKeyPair();
  assert.equal(pair.publicKeyRaw.length, 65);
  assert.equal(pair.publicKeyRaw[0], 4);
  const server = serverActivation(pair.publicKeyRaw, '21234567890123');
  const key = await deriveTokenKey(pair.privateKey, pair.publicKeyRaw, server.answer);
  assert.equal(key.extractable, false);
  assert.deepEqual(key.usages, ['sign']);
  await assert.rejects(crypto.subtle.exportKey('raw', key));
  const now = 1_764_500_000_000;
  assert.equal(await totpCode(key, now), totp(hmacKey(server.secret), now, { algorithm: 'SHA256', digits: 6, stepSeconds: 30 }));
  assert.equal(await ocraResponse(key, '1500000012345', now), ocra(OCRA_SUITE, hmacKey(server.secret), { question: '1500000012345', timestamp: BigInt(Math.floor(now / 60_000)) }));
  assert.equal(hkdfInfo('2', new Uint8Array(65), new Uint8Array(65)).length, 'bizotp-soft-token/1'.length + 1 + 1 + 1 + 130 + OCRA_SUITE.length);
});

test('activation is refused when the confirmation was made for anything else, or the answer is malformed', async () => {
  const pair = await newKeyPair();
  const server = serverActivation(pair.publicKeyRaw, '21234567890123', true);
  await assert.rejects(deriveTokenKey(pair.privateKey, pair.publicKeyRaw, server.answer), ConfirmationMismatch);
  await assert.rejects(deriveTokenKey(pair.privateKey, pair.publicKeyRaw, { ...server.answer, serial: '1234' }), TypeError);
});

test('base64url round-trips every byte value and refuses other alphabets', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64Url(toBase64Url(all)), all);
  assert.equal(toBase64Url(Uint8Array.of(0xfb, 0xff)), '-_8');
  assert.throws(() => fromBase64Url('ab+/'), TypeError);
});

test('the countdown reaches the next 30-second boundary', () => {
  assert.equal(msToNextStep(30_000), 30_000);
  assert.equal(msToNextStep(59_999), 1);
  assert.equal(msToNextStep(45_500), 14_500);
});

test('typed challenge digits split into amount first and the 7-digit account last', () => {
  const r = challengeFromDigits('150000 0012345');
  assert.ok(r.ok);
  assert.equal(r.challenge.amount, '150000');
  assert.equal(r.challenge.account, '0012345');
  assert.equal(r.challenge.question, '1500000012345');
  for (const bad of ['0012345', '01500000012345', '1234567890123000000001', '15000a0012345']) assert.deepEqual(challengeFromDigits(bad), { ok: false, reason: 'format' }, bad);
});

test('a QR challenge whose digits disagree with its amount or account is refused', () => {
  const qr = (q: string, amount: string, account: string): string =>
    `bizotp-sign:1?q=${q}&bank=${encodeURIComponent('ビズ銀行')}&branch=${encodeURIComponent('本店')}&type=${encodeURIComponent('普通')}&account=${account}&name=${encodeURIComponent('カ）テスト')}&amount=${amount}`;
  const ok = challengeFromQr(qr('1500000012345', '150000', '0012345'));
  assert.ok(ok.ok);
  assert.equal(ok.challenge.payeeName, 'カ）テスト');
  assert.equal(ok.challenge.bank, 'ビズ銀行');
  assert.deepEqual(challengeFromQr(qr('1500000012345', '150001', '0012345')), { ok: false, reason: 'mismatch' });
  assert.deepEqual(challengeFromQr(qr('1500000012345', '15000', '0001234')), { ok: false, reason: 'mismatch' });
  assert.deepEqual(challengeFromQr('otpauth://totp/x'), { ok: false, reason: 'format' });
});

test('serials are grouped by four for reading aloud, codes split in halves, yen with separators', () => {
  assert.equal(groupSerial('21234567890123'), '2123 4567 8901 23');
  assert.equal(splitCode('123456'), '123 456');
  assert.equal(splitCode('12345678'), '1234 5678');
  assert.equal(formatYen('150000'), '150,000');
  assert.equal(formatYen('1000000000'), '1,000,000,000');
});
