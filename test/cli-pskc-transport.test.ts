// `bizotp tokens import` of the vendor exports that were refused before: an encrypted-counter HOTP export,
// an encrypted-time TOTP export, and a file whose secret is encrypted to the bank's RSA key
// (--private-key-file). Every file is made by openssl; the imported tokens then accept the codes the
// RFCs publish for their secret.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  encryptedData, keyPackage, macMethod, opensslCbc, opensslHmac, opensslRsaEncrypt, opensslRsaFiles, pskcFile, writeTemp,
} from '../src/import/independent-fixtures.ts';
import { hmacKey } from '../src/otp/hmac-key.ts';
import { totp } from '../src/otp/totp.ts';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

const RFC_SECRET = Buffer.from('12345678901234567890');
const PSK = Buffer.from('12345678901234567890123456789012', 'hex');
const PSK24 = Buffer.concat([PSK, PSK]).subarray(0, 24);
const MAC_KEY = Buffer.from('a 20-byte MAC key!!!');
const XENC = 'http://www.w3.org/2001/04/xmlenc#';

let cli: CliHarness;
beforeEach(() => {
  cli = cliHarness();
});
afterEach(() => cli.close());

/** A pre-shared-key export whose Data children are all encrypted with `cipher` by openssl enc. */
function symmetricExport(serial: string, uri: string, cipher: string, ivBytes: number, data: Record<string, Buffer>, totpToken: boolean): string {
  let n = 0;
  const enc = (plaintext: Buffer): Buffer => opensslCbc(cipher, uri.includes('tripledes') ? PSK24 : PSK, Buffer.alloc(ivBytes, ++n), plaintext);
  const elements = Object.entries(data).map(([name, plaintext]) => {
    const value = enc(plaintext);
    return encryptedData(name, uri, value, opensslHmac('sha1', MAC_KEY, value));
  });
  return pskcFile({
    encryptionKey: '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>',
    macMethod: macMethod('http://www.w3.org/2000/09/xmldsig#hmac-sha1', uri, enc(MAC_KEY)),
    packages: [keyPackage({ serial, totp: totpToken, data: elements.join('') })],
  });
}

function pskFile(key: Buffer): string {
  return writeTemp('psk.hex', key.toString('hex'));
}

async function stockCount(): Promise<number> {
  const list = await cli.run(['tokens', 'list']);
  return list.stdout.trim().split('\n').length - 1;
}

describe('bizotp tokens import with vendor exports', () => {
  test('imports an encrypted-counter HOTP export and the token accepts the RFC 4226 code at that counter', async () => {
    const file = writeTemp('hotp-counter.pskc', symmetricExport('ENCCOUNTER1', `${XENC}aes128-cbc`, 'aes-128-cbc', 16, { Secret: RFC_SECRET, Counter: Buffer.from('5') }, false));
    const run = await cli.run(['tokens', 'import', file, '--psk-file', pskFile(PSK)]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1件/);
    const verify = await cli.run(['tokens', 'verify', 'ENCCOUNTER1'], '254676\n'); // RFC 4226 App. D, count 5
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('imports an encrypted-time TOTP export (Triple DES) and the token accepts the current code', async () => {
    const data = { Secret: RFC_SECRET, Time: Buffer.from('1234567890'), TimeInterval: Buffer.from('30'), TimeDrift: Buffer.from('-1') };
    const file = writeTemp('totp-time.pskc', symmetricExport('ENCTIME1', `${XENC}tripledes-cbc`, 'des-ede3-cbc', 8, data, true));
    const run = await cli.run(['tokens', 'import', file, '--psk-file', pskFile(PSK24)]);
    assert.equal(run.code, 0, run.stderr);
    const deps = await cli.deps();
    const code = totp(hmacKey(RFC_SECRET), deps.now(), { algorithm: 'SHA1', digits: 6, stepSeconds: 30 });
    const verify = await cli.run(['tokens', 'verify', 'ENCTIME1'], `${code}\n`);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('imports a file encrypted to the bank\'s RSA certificate with --private-key-file, and refuses a key file others can read', async () => {
    const rsa = opensslRsaFiles();
    const secret = opensslRsaEncrypt(rsa.certificatePath, RFC_SECRET, ['rsa_padding_mode:oaep', 'rsa_oaep_md:sha1']);
    const xml = pskcFile({
      encryptionKey: `<EncryptionKey><ds:X509Data><ds:X509Certificate>${rsa.certificateBase64}</ds:X509Certificate></ds:X509Data></EncryptionKey>`,
      packages: [keyPackage({ serial: 'RSA1', data: `${encryptedData('Secret', `${XENC}rsa-oaep-mgf1p`, secret, null)}<Counter><PlainValue>0</PlainValue></Counter>` })],
    });
    const file = writeTemp('rsa-transport.pskc', xml);
    chmodSync(rsa.keyPath, 0o644);
    const open = await cli.run(['tokens', 'import', file, '--private-key-file', rsa.keyPath]);
    assert.equal(open.code, 2);
    assert.match(open.stderr, /chmod 600/);
    assert.equal(await stockCount(), 0);
    chmodSync(rsa.keyPath, 0o600);
    const missing = await cli.run(['tokens', 'import', file]);
    assert.equal(missing.code, 1);
    const run = await cli.run(['tokens', 'import', file, '--private-key-file', rsa.keyPath]);
    assert.equal(run.code, 0, run.stderr);
    const verify = await cli.run(['tokens', 'verify', 'RSA1'], '755224\n'); // RFC 4226 App. D, count 0
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('refuses a file whose algorithm it does not take, naming the algorithm, and imports nothing', async () => {
    const seed = 'http://www.w3.org/2007/05/xmldsig-more#seed128-cbc';
    const xml = symmetricExport('SEED1', `${XENC}aes128-cbc`, 'aes-128-cbc', 16, { Secret: RFC_SECRET }, false).replaceAll(`${XENC}aes128-cbc`, seed);
    const file = writeTemp('seed.pskc', xml);
    const run = await cli.run(['tokens', 'import', file, '--psk-file', pskFile(PSK)]);
    assert.equal(run.code, 1);
    assert.ok(run.stderr.includes(seed), run.stderr);
    assert.equal(await stockCount(), 0);
  });
});
