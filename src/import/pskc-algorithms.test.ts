// Every symmetric EncryptionMethod and MACMethod of RFC 6030 §6.1 and XML Encryption 1.0/1.1, each with a
// file made by openssl (or, where openssl has no such command, by independent-fixtures.ts from the RFC),
// imported and then checked against the RFCs' published codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportedKey } from './imported-key.ts';
import {
  aesGcm, encryptedData, keyPackage, macMethod, opensslCbc, opensslHmac, opensslWrap, pskcFile, rfc3394Wrap,
} from './independent-fixtures.ts';
import { parsePskc } from './pskc.ts';
import { chunks, collect, failure, hotp, RFC_SECRET } from './test-support.ts';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const HMAC_SHA1 = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
const KEYS = { 16: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'), 24: Buffer.from('000102030405060708090a0b0c0d0e0f1011121314151617', 'hex'), 32: Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex') } as const;
const MAC_KEY = Buffer.from('a 32-byte MAC key for the tests!');
/** RFC 6238 Appendix B's SHA-256 seed: 32 bytes, so every key wrap (whole 8-byte blocks) can carry it. */
const SHA256_SECRET = Buffer.from('12345678901234567890123456789012');
const IV16 = Buffer.from('f0e1d2c3b4a5968778695a4b3c2d1e0f', 'hex');
const IV8 = Buffer.from('0f1e2d3c4b5a6978', 'hex');

type Encrypt = (key: Buffer, plaintext: Buffer) => Buffer;
interface Row { readonly uri: string; readonly keyLength: 16 | 24 | 32; readonly encrypt: Encrypt; readonly secret: Buffer; readonly how: string }

const cbc = (cipher: string, iv: Buffer): Encrypt => (key, plaintext) => opensslCbc(cipher, key, iv, plaintext);
const wrap = (cipher: string, iv?: string): Encrypt => (key, plaintext) => opensslWrap(cipher, key, plaintext, iv);
const camelliaWrap = (bits: number): Encrypt => (key, plaintext) => rfc3394Wrap(`camellia-${bits}-ecb`, key, plaintext);
const gcm: Encrypt = (key, plaintext) => aesGcm(key, IV16.subarray(0, 12), plaintext);

export const ENCRYPTION_ROWS: readonly Row[] = [
  { uri: `${XENC}aes128-cbc`, keyLength: 16, encrypt: cbc('aes-128-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -aes-128-cbc' },
  { uri: `${XENC}aes192-cbc`, keyLength: 24, encrypt: cbc('aes-192-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -aes-192-cbc' },
  { uri: `${XENC}aes256-cbc`, keyLength: 32, encrypt: cbc('aes-256-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -aes-256-cbc' },
  { uri: `${XENC}tripledes-cbc`, keyLength: 24, encrypt: cbc('des-ede3-cbc', IV8), secret: RFC_SECRET, how: 'openssl enc -des-ede3-cbc' },
  { uri: `${MORE}camellia128-cbc`, keyLength: 16, encrypt: cbc('camellia-128-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -camellia-128-cbc' },
  { uri: `${MORE}camellia192-cbc`, keyLength: 24, encrypt: cbc('camellia-192-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -camellia-192-cbc' },
  { uri: `${MORE}camellia256-cbc`, keyLength: 32, encrypt: cbc('camellia-256-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -camellia-256-cbc' },
  { uri: `${MORE}camellia128`, keyLength: 16, encrypt: cbc('camellia-128-cbc', IV16), secret: RFC_SECRET, how: 'openssl enc -camellia-128-cbc' },
  { uri: `${XENC}kw-aes128`, keyLength: 16, encrypt: wrap('id-aes128-wrap', 'A6A6A6A6A6A6A6A6'), secret: SHA256_SECRET, how: 'openssl enc -id-aes128-wrap' },
  { uri: `${XENC}kw-aes192`, keyLength: 24, encrypt: wrap('id-aes192-wrap', 'A6A6A6A6A6A6A6A6'), secret: SHA256_SECRET, how: 'openssl enc -id-aes192-wrap' },
  { uri: `${XENC}kw-aes256`, keyLength: 32, encrypt: wrap('id-aes256-wrap', 'A6A6A6A6A6A6A6A6'), secret: SHA256_SECRET, how: 'openssl enc -id-aes256-wrap' },
  { uri: `${XENC}kw-aes128`, keyLength: 16, encrypt: wrap('id-aes128-wrap-pad', 'A65959A6'), secret: RFC_SECRET, how: 'openssl enc -id-aes128-wrap-pad (a 20-byte secret)' },
  { uri: `${XENC11}kw-aes-128-pad`, keyLength: 16, encrypt: wrap('id-aes128-wrap-pad', 'A65959A6'), secret: RFC_SECRET, how: 'openssl enc -id-aes128-wrap-pad' },
  { uri: `${XENC11}kw-aes-192-pad`, keyLength: 24, encrypt: wrap('id-aes192-wrap-pad', 'A65959A6'), secret: RFC_SECRET, how: 'openssl enc -id-aes192-wrap-pad' },
  { uri: `${XENC11}kw-aes-256-pad`, keyLength: 32, encrypt: wrap('id-aes256-wrap-pad', 'A65959A6'), secret: RFC_SECRET, how: 'openssl enc -id-aes256-wrap-pad' },
  { uri: `${XENC}kw-tripledes`, keyLength: 24, encrypt: wrap('id-smime-alg-CMS3DESwrap'), secret: SHA256_SECRET, how: 'openssl enc -id-smime-alg-CMS3DESwrap' },
  { uri: `${MORE}kw-camellia128`, keyLength: 16, encrypt: camelliaWrap(128), secret: SHA256_SECRET, how: 'RFC 3394 wrap over Camellia-128-ECB' },
  { uri: `${MORE}kw-camellia192`, keyLength: 24, encrypt: camelliaWrap(192), secret: SHA256_SECRET, how: 'RFC 3394 wrap over Camellia-192-ECB' },
  { uri: `${MORE}kw-camellia256`, keyLength: 32, encrypt: camelliaWrap(256), secret: SHA256_SECRET, how: 'RFC 3394 wrap over Camellia-256-ECB' },
  { uri: `${XENC11}aes128-gcm`, keyLength: 16, encrypt: gcm, secret: RFC_SECRET, how: 'AES-128-GCM' },
  { uri: `${XENC11}aes192-gcm`, keyLength: 24, encrypt: gcm, secret: RFC_SECRET, how: 'AES-192-GCM' },
  { uri: `${XENC11}aes256-gcm`, keyLength: 32, encrypt: gcm, secret: RFC_SECRET, how: 'AES-256-GCM' },
];

/** A one-token file: the secret and the MACKey encrypted with `row`, the ValueMAC by openssl dgst. */
export function fileFor(row: Row, macAlgorithm = HMAC_SHA1, macHash = 'sha1', alter = (c: Buffer): Buffer => c): string {
  const key = KEYS[row.keyLength];
  const cipherValue = alter(row.encrypt(key, row.secret));
  const totp = row.secret.length === 32;
  return pskcFile({
    encryptionKey: '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>',
    macMethod: macMethod(macAlgorithm, row.uri, row.encrypt(key, MAC_KEY)),
    packages: [keyPackage({
      serial: 'ALG1', totp, ...(totp ? { suite: 'HMAC-SHA256', digits: 8 } : {}),
      data: encryptedData('Secret', row.uri, cipherValue, opensslHmac(macHash, MAC_KEY, cipherValue)),
    })],
  });
}

async function importOne(xml: string, preSharedKey: Buffer): Promise<ImportedKey> {
  const keys = await collect(parsePskc(chunks(xml, 97), { preSharedKey }));
  assert.equal(keys.length, 1);
  return keys[0] as ImportedKey;
}

/** RFC 4226 Appendix D (counter 1, 6 digits) or RFC 6238 Appendix B (T = 59 s, SHA-256, 8 digits). */
function assertRfcCodes(key: ImportedKey, secret: Buffer): void {
  assert.deepEqual(key.secret, secret);
  if (secret.length === 32) {
    assert.deepEqual(key.params, { type: 'totp', algorithm: 'SHA256', digits: 8, stepSeconds: 30 });
    assert.equal(hotp(key.secret, 1n, 8, 'sha256'), '46119246');
  } else {
    assert.equal(hotp(key.secret, 1n, 6), '287082');
  }
}

describe('parsePskc imports every encryption algorithm of RFC 6030 §6.1 and XML Encryption 1.1', () => {
  for (const row of ENCRYPTION_ROWS) {
    it(`imports ${row.uri} (${row.how}) and its codes verify`, async () => {
      assertRfcCodes(await importOne(fileFor(row), KEYS[row.keyLength]), row.secret);
    });
  }

  it('refuses a key-wrapped secret whose wrapping was altered, by the wrap\'s own integrity check', async () => {
    const row = ENCRYPTION_ROWS.find((r) => r.uri.endsWith('#kw-aes256')) as Row;
    const tampered = fileFor(row, HMAC_SHA1, 'sha1', (c) => { c[9] = (c[9] ?? 0) ^ 1; return c; });
    // The ValueMAC is over the altered bytes, so only the wrap's integrity check can catch the change.
    assert.equal((await failure(parsePskc(chunks(tampered), { preSharedKey: KEYS[32] }))).code, 'decryption_failed');
  });

  it('refuses a wrapped secret without a MAC when the wrap does not open with the given key', async () => {
    const row = ENCRYPTION_ROWS.find((r) => r.uri.endsWith('#kw-camellia128')) as Row;
    const xml = fileFor(row).replace(/<ValueMAC>[^<]*<\/ValueMAC>/, '').replace(/<MACMethod[\s\S]*<\/MACMethod>/, '');
    assertRfcCodes(await importOne(xml, KEYS[16]), row.secret);
    const wrongKey = Buffer.from(KEYS[16]).fill(7);
    assert.equal((await failure(parsePskc(chunks(xml), { preSharedKey: wrongKey }))).code, 'decryption_failed');
  });

  it('uses a Camellia key wrap that is RFC 3394\'s algorithm: over AES it gives openssl\'s id-aes128-wrap bytes', () => {
    const ours = rfc3394Wrap('aes-128-ecb', KEYS[16], SHA256_SECRET);
    assert.deepEqual(ours, opensslWrap('id-aes128-wrap', KEYS[16], SHA256_SECRET, 'A6A6A6A6A6A6A6A6'));
    // RFC 3394 §4.1: 128 bits of key data wrapped with a 128-bit KEK
    const vector = rfc3394Wrap('aes-128-ecb', KEYS[16], Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
    assert.equal(vector.toString('hex'), '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');
  });

  it('refuses an algorithm it does not take by its identifier, in the message too', async () => {
    const seed = 'http://www.w3.org/2007/05/xmldsig-more#seed128-cbc';
    const xml = fileFor(ENCRYPTION_ROWS[0] as Row).replaceAll(`${XENC}aes128-cbc`, seed);
    const error = await failure(parsePskc(chunks(xml), { preSharedKey: KEYS[16] }));
    assert.equal(error.code, 'unsupported_encryption');
    assert.ok(error.message.includes(seed));
  });
});

describe('parsePskc checks the ValueMAC with every MACMethod of RFC 6030 §6.1.1 and RFC 4051', () => {
  const aes128 = ENCRYPTION_ROWS[0] as Row;
  const macs: [string, string][] = [
    [HMAC_SHA1, 'sha1'], [`${MORE}hmac-sha224`, 'sha224'], [`${MORE}hmac-sha256`, 'sha256'],
    [`${MORE}hmac-sha384`, 'sha384'], [`${MORE}hmac-sha512`, 'sha512'],
  ];
  for (const [uri, hash] of macs) {
    it(`imports a file whose ValueMAC is ${uri} (openssl dgst -${hash} -mac HMAC)`, async () => {
      assertRfcCodes(await importOne(fileFor(aes128, uri, hash), KEYS[16]), RFC_SECRET);
    });
    it(`refuses a ${uri} ValueMAC computed over other bytes`, async () => {
      const xml = fileFor(aes128, uri, hash).replace(/<ValueMAC>[^<]*<\/ValueMAC>/, `<ValueMAC>${opensslHmac(hash, MAC_KEY, Buffer.from('other')).toString('base64')}</ValueMAC>`);
      assert.equal((await failure(parsePskc(chunks(xml), { preSharedKey: KEYS[16] }))).code, 'mac_mismatch');
    });
  }
  for (const uri of [`${MORE}hmac-md5`, `${MORE}hmac-ripemd160`]) {
    it(`refuses ${uri} by name`, async () => {
      const error = await failure(parsePskc(chunks(fileFor(aes128, uri, 'sha1')), { preSharedKey: KEYS[16] }));
      assert.equal(error.code, 'unsupported_mac');
      assert.ok(error.message.includes(uri));
    });
  }
});
