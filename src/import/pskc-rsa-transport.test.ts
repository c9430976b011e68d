// RFC 6030 §6.3 (Figure 8): secrets encrypted to the bank's RSA certificate. The key, the certificate and
// every ciphertext are made by the openssl command line (genpkey, req, pkeyutl -encrypt), never by the importer.
import assert from 'node:assert/strict';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { encryptedData, keyPackage, opensslRsaEncrypt, opensslRsaFiles, pskcFile, type RsaFiles } from './independent-fixtures.ts';
import { parsePskc } from './pskc.ts';
import { chunks, collect, failure, fixture, hotp, RFC_SECRET } from './test-support.ts';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const DIGEST = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1', sha224: `${MORE}sha224`, sha256: `${XENC}sha256`,
  sha384: `${MORE}sha384`, sha512: `${XENC}sha512`,
} as const;
type Hash = keyof typeof DIGEST;

interface Row { readonly uri: string; readonly children: string; readonly pkeyopts: readonly string[]; readonly how: string }

const oaep = (digest: Hash, mgf: Hash, label?: string): readonly string[] =>
  ['rsa_padding_mode:oaep', `rsa_oaep_md:${digest}`, `rsa_mgf1_md:${mgf}`, ...(label === undefined ? [] : [`rsa_oaep_label:${Buffer.from(label).toString('hex')}`])];
const digestMethod = (hash: Hash): string => `<ds:DigestMethod Algorithm="${DIGEST[hash]}"/>`;
const mgf = (hash: Hash): string => `<xenc11:MGF Algorithm="${XENC11}mgf1${hash}"/>`;

export const RSA_ROWS: readonly Row[] = [
  { uri: `${XENC}rsa-1_5`, children: '', pkeyopts: ['rsa_padding_mode:pkcs1'], how: 'pkeyutl rsa_padding_mode:pkcs1' },
  { uri: `${XENC}rsa_1_5`, children: '', pkeyopts: ['rsa_padding_mode:pkcs1'], how: 'Figure 8\'s spelling, pkeyutl rsa_padding_mode:pkcs1' },
  { uri: `${XENC}rsa-oaep-mgf1p`, children: '', pkeyopts: oaep('sha1', 'sha1'), how: 'pkeyutl rsa_padding_mode:oaep' },
  { uri: `${XENC}rsa-oaep-mgf1p`, children: `${digestMethod('sha1')}<xenc:OAEPparams>${Buffer.from('bizotp').toString('base64')}</xenc:OAEPparams>`, pkeyopts: oaep('sha1', 'sha1', 'bizotp'), how: 'with DigestMethod SHA-1 and an OAEPparams label' },
  { uri: `${XENC11}rsa-oaep`, children: '', pkeyopts: oaep('sha1', 'sha1'), how: 'defaults: SHA-1 digest, MGF1 with SHA-1' },
  { uri: `${XENC11}rsa-oaep`, children: digestMethod('sha256'), pkeyopts: oaep('sha256', 'sha1'), how: 'SHA-256 digest, default MGF1 with SHA-1' },
  ...(['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const).map((hash): Row => ({
    uri: `${XENC11}rsa-oaep`, children: `${digestMethod(hash)}${mgf(hash)}`, pkeyopts: oaep(hash, hash), how: `${DIGEST[hash]} and mgf1${hash}`,
  })),
];

describe('parsePskc with RSA key transport (RFC 6030 §6.3)', () => {
  let rsa: RsaFiles;
  let privateKey: KeyObject;
  let otherKey: KeyObject;
  before(() => {
    rsa = opensslRsaFiles();
    privateKey = createPrivateKey(readFileSync(rsa.keyPath));
    const other = opensslRsaFiles(1024);
    otherKey = createPrivateKey(readFileSync(other.keyPath));
  });

  const file = (row: Row, encryptionKey?: string): string => pskcFile({
    encryptionKey: encryptionKey ?? `<EncryptionKey><ds:X509Data><ds:X509Certificate>${rsa.certificateBase64}</ds:X509Certificate></ds:X509Data></EncryptionKey>`,
    packages: [keyPackage({
      serial: '987654321',
      data: `${encryptedData('Secret', row.uri, opensslRsaEncrypt(rsa.certificatePath, RFC_SECRET, row.pkeyopts), null, row.children)}<Counter><PlainValue>0</PlainValue></Counter>`,
    })],
  });

  for (const row of RSA_ROWS) {
    it(`imports ${row.uri} (${row.how}) with the private key, and its codes verify`, async () => {
      const [key] = await collect(parsePskc(chunks(file(row), 101), { privateKey }));
      assert.deepEqual(key?.secret, RFC_SECRET);
      assert.equal(hotp(key?.secret ?? Buffer.alloc(0), 0n, 6), '755224'); // RFC 4226 App. D
    });
  }

  it('refuses a file for RSA transport when no private key was given, with key_missing', async () => {
    assert.equal((await failure(parsePskc(chunks(file(RSA_ROWS[2] as Row))))).code, 'key_missing');
  });

  it('refuses a private key that is not the key of the file\'s certificate, before decrypting', async () => {
    assert.equal((await failure(parsePskc(chunks(file(RSA_ROWS[2] as Row)), { privateKey: otherKey }))).code, 'private_key_mismatch');
  });

  it('refuses, without a certificate to compare, a value that does not decrypt with the key given', async () => {
    const xml = file(RSA_ROWS[2] as Row, '<EncryptionKey><ds:KeyName>bank</ds:KeyName></EncryptionKey>');
    assert.equal((await failure(parsePskc(chunks(xml), { privateKey: otherKey }))).code, 'decryption_failed');
  });

  it('refuses an OAEP label that differs from the one the value was encrypted with', async () => {
    const row = RSA_ROWS[3] as Row;
    const xml = file({ ...row, children: `${digestMethod('sha1')}<xenc:OAEPparams>${Buffer.from('other').toString('base64')}</xenc:OAEPparams>` });
    const encryptedWithLabel = file(row).match(/<xenc:CipherValue>[^<]*/)?.[0] ?? '';
    const relabelled = xml.replace(/<xenc:CipherValue>[^<]*/, encryptedWithLabel);
    assert.equal((await failure(parsePskc(chunks(relabelled), { privateKey }))).code, 'decryption_failed');
  });

  it('refuses an OAEP digest it does not take (RIPEMD-160) by its identifier', async () => {
    const ripemd = `${XENC}ripemd160`;
    const error = await failure(parsePskc(chunks(file({ ...(RSA_ROWS[4] as Row), children: `<ds:DigestMethod Algorithm="${ripemd}"/>` })), { privateKey }));
    assert.equal(error.code, 'unsupported_encryption');
    assert.ok(error.message.includes(ripemd));
  });

  it('refuses an MGF it does not know by its identifier', async () => {
    const unknown = `${XENC11}mgf1md5`;
    const error = await failure(parsePskc(chunks(file({ ...(RSA_ROWS[4] as Row), children: `<xenc11:MGF Algorithm="${unknown}"/>` })), { privateKey }));
    assert.equal(error.code, 'unsupported_encryption');
    assert.ok(error.message.includes(unknown));
  });

  it('refuses RFC 6030 Figure 8 without a key (key_missing) and with ours (private_key_mismatch): the RFC publishes no private key', async () => {
    assert.equal((await failure(parsePskc(fixture('pskc/rfc6030-figure8.pskc')))).code, 'key_missing');
    assert.equal((await failure(parsePskc(fixture('pskc/rfc6030-figure8.pskc'), { privateKey }))).code, 'private_key_mismatch');
  });
});
