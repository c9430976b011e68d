// RFC 6030 §6.2 PBKDF2 with every PRF XML Encryption 1.1 names, the key derived by `openssl kdf`, and the
// key-establishment identifiers of XML Encryption 1.1 that a PSKC file cannot use, refused by name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encryptedData, keyPackage, macMethod, openssl, opensslCbc, opensslHmac, pskcFile } from './independent-fixtures.ts';
import { parsePskc } from './pskc.ts';
import { chunks, collect, failure, hotp, RFC_SECRET } from './test-support.ts';

const AES128 = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
const PKCS5 = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const SALT = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
const ITERATIONS = 100_000;
const MAC_KEY = Buffer.from('a 20-byte MAC key!!!');

function derivedKeyFile(derivation: string, prfUri: string | null, openSslDigest: string, encryptionKey?: string): string {
  const key = openssl(['kdf', '-keylen', '16', '-kdfopt', `digest:${openSslDigest}`, '-kdfopt', 'pass:qwerty', '-kdfopt', `hexsalt:${SALT.toString('hex')}`, '-kdfopt', `iter:${ITERATIONS}`, '-binary', 'PBKDF2']);
  const secret = opensslCbc('aes-128-cbc', key, Buffer.alloc(16, 1), RFC_SECRET);
  const prf = prfUri === null ? '' : `<PRF Algorithm="${prfUri}"/>`;
  return pskcFile({
    encryptionKey: encryptionKey ?? `<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="${derivation}">
      <xenc11:PBKDF2-params><Salt><Specified>${SALT.toString('base64')}</Specified></Salt>
      <IterationCount>${ITERATIONS}</IterationCount><KeyLength>16</KeyLength>${prf}</xenc11:PBKDF2-params>
    </xenc11:KeyDerivationMethod></xenc11:DerivedKey></EncryptionKey>`,
    macMethod: macMethod('http://www.w3.org/2000/09/xmldsig#hmac-sha1', AES128, opensslCbc('aes-128-cbc', key, Buffer.alloc(16, 2), MAC_KEY)),
    packages: [keyPackage({ serial: 'PBKDF2', data: encryptedData('Secret', AES128, secret, opensslHmac('sha1', MAC_KEY, secret)) })],
  });
}

describe('parsePskc derives the PBKDF2 key with every PRF (RFC 8018, XML Encryption 1.1 §5.4.2)', () => {
  const rows: [string, string | null, string][] = [
    [PKCS5, null, 'SHA1'],
    [PKCS5, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1', 'SHA1'],
    [PKCS5, `${MORE}hmac-sha224`, 'SHA224'],
    [PKCS5, `${MORE}hmac-sha256`, 'SHA256'],
    [PKCS5, `${MORE}hmac-sha384`, 'SHA384'],
    [PKCS5, `${MORE}hmac-sha512`, 'SHA512'],
    [`${XENC11}pbkdf2`, `${MORE}hmac-sha256`, 'SHA256'],
  ];
  for (const [derivation, prf, digest] of rows) {
    it(`imports ${derivation} with PRF ${prf ?? '(default HMAC-SHA1)'} (openssl kdf -kdfopt digest:${digest})`, async () => {
      const [key] = await collect(parsePskc(chunks(derivedKeyFile(derivation, prf, digest), 89), { passphrase: 'qwerty' }));
      assert.deepEqual(key?.secret, RFC_SECRET);
      assert.equal(hotp(key?.secret ?? Buffer.alloc(0), 1n, 6), '287082');
    });
  }
});

describe('parsePskc refuses key establishment a PSKC file cannot use, naming it', () => {
  const encryptionKeys: [string, string, string][] = [
    ['ConcatKDF', `<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="${XENC11}ConcatKDF"/></xenc11:DerivedKey></EncryptionKey>`, `${XENC11}ConcatKDF`],
    ['ECDH-ES key agreement', `<EncryptionKey><xenc:AgreementMethod Algorithm="${XENC11}ECDH-ES"/></EncryptionKey>`, 'AgreementMethod'],
    ['Diffie-Hellman key agreement (xmlenc#dh)', '<EncryptionKey><xenc:AgreementMethod Algorithm="http://www.w3.org/2001/04/xmlenc#dh"/></EncryptionKey>', 'AgreementMethod'],
    ['Diffie-Hellman ephemeral-static (xmlenc11#dh-es)', `<EncryptionKey><xenc:AgreementMethod Algorithm="${XENC11}dh-es"/></EncryptionKey>`, 'AgreementMethod'],
    ['a wrapped content key (xenc:EncryptedKey)', '<EncryptionKey><xenc:EncryptedKey/></EncryptionKey>', 'EncryptedKey'],
  ];
  for (const [what, encryptionKey, named] of encryptionKeys) {
    it(`refuses ${what} with unsupported_encryption`, async () => {
      const error = await failure(parsePskc(chunks(derivedKeyFile(PKCS5, null, 'SHA1', encryptionKey)), { passphrase: 'qwerty' }));
      assert.equal(error.code, 'unsupported_encryption');
      assert.ok(error.message.includes(named), error.message);
    });
  }

  for (const uri of ['http://www.w3.org/2007/05/xmldsig-more#seed128-cbc', 'http://www.w3.org/2007/05/xmldsig-more#kw-seed128']) {
    it(`refuses the EncryptionMethod ${uri} by name`, async () => {
      const xml = derivedKeyFile(PKCS5, null, 'SHA1').replaceAll(AES128, uri);
      const error = await failure(parsePskc(chunks(xml), { passphrase: 'qwerty' }));
      assert.equal(error.code, 'unsupported_encryption');
      assert.ok(error.message.includes(uri));
    });
  }
});
