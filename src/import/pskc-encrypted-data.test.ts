// RFC 6030 §4.3.4 data elements other than the secret, encrypted as multiOTP and other servers export
// them: opened with the file's key after their ValueMAC, then held to the same rules as plain values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encryptedData, keyPackage, macMethod, opensslCbc, opensslHmac, pskcFile } from './independent-fixtures.ts';
import { parsePskc } from './pskc.ts';
import { chunks, collect, failure, FIGURE6_KEY, hotp, RFC_SECRET } from './test-support.ts';

const AES128 = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc';
const MAC_KEY = Buffer.from('a 20-byte MAC key!!!');
let ivCounter = 0;

/** `<Name>` encrypted by openssl enc -aes-128-cbc with Figure 6's key, its ValueMAC by openssl dgst. */
function encrypted(name: string, plaintext: Buffer | string, mac: 'good' | 'bad' | 'none' = 'good'): string {
  const iv = Buffer.alloc(16, ++ivCounter);
  const cipherValue = opensslCbc('aes-128-cbc', FIGURE6_KEY, iv, Buffer.from(plaintext));
  const valueMac = mac === 'none' ? null : opensslHmac('sha1', MAC_KEY, mac === 'good' ? cipherValue : Buffer.from('x'));
  return encryptedData(name, AES128, cipherValue, valueMac);
}

function file(data: string, totp = false): string {
  return pskcFile({
    encryptionKey: '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>',
    macMethod: macMethod('http://www.w3.org/2000/09/xmldsig#hmac-sha1', AES128, opensslCbc('aes-128-cbc', FIGURE6_KEY, Buffer.alloc(16, 99), MAC_KEY)),
    packages: [keyPackage({ serial: 'ENC1', totp, data: `${encrypted('Secret', RFC_SECRET)}${data}` })],
  });
}

function bigEndian(value: bigint, bytes: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(value);
  return out.subarray(8 - bytes);
}

describe('parsePskc with encrypted Counter, Time, TimeInterval and TimeDrift', () => {
  const parse = (xml: string) => parsePskc(chunks(xml, 83), { preSharedKey: FIGURE6_KEY });

  it('reads an encrypted Counter written as decimal digits, and the codes continue from it', async () => {
    const [key] = await collect(parse(file(encrypted('Counter', '5'))));
    assert.equal(key?.counter, 5n);
    assert.equal(hotp(key?.secret ?? Buffer.alloc(0), key?.counter ?? 0n, 6), '254676'); // RFC 4226 App. D, count 5
  });

  it('reads an encrypted Counter written as an 8-byte big-endian integer', async () => {
    const [key] = await collect(parse(file(encrypted('Counter', bigEndian(5n, 8)))));
    assert.equal(key?.counter, 5n);
  });

  it('reads an encrypted TOTP export: Time, a one-byte TimeInterval of 60 and a negative TimeDrift', async () => {
    const data = `${encrypted('Time', '1234567890')}${encrypted('TimeInterval', bigEndian(60n, 1))}${encrypted('TimeDrift', bigEndian(-2n, 4))}`;
    const [key] = await collect(parse(file(data, true)));
    assert.deepEqual(key?.params, { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 60 });
  });

  const refusals: [string, string, string][] = [
    ['an encrypted TimeInterval of 45 seconds', encrypted('TimeInterval', '45'), 'bad_step'],
    ['an encrypted Counter of 2^64', encrypted('Counter', '18446744073709551616'), 'bad_counter'],
    ['an encrypted Counter of 9 binary bytes', encrypted('Counter', Buffer.alloc(9, 0xab)), 'bad_counter'],
    ['an encrypted Time past 12 digits of seconds', encrypted('Time', Buffer.alloc(8, 0xff)), 'bad_time'],
    ['an encrypted Counter whose ValueMAC is over other bytes', encrypted('Counter', '5', 'bad'), 'mac_mismatch'],
    ['an encrypted Counter without a ValueMAC', encrypted('Counter', '5', 'none'), 'mac_missing'],
  ];
  for (const [what, data, code] of refusals) {
    it(`refuses ${what} with ${code}`, async () => {
      const error = await failure(parse(file(data, what.includes('Time'))));
      assert.equal(error.code, code);
      assert.equal(error.position.keyPackage, 1);
    });
  }
});
