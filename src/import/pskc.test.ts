import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePskc } from './pskc.ts';
import { collect, failure, fixture, FIGURE6_KEY, hotp, RFC_SECRET } from './test-support.ts';

describe('parsePskc with the RFC 6030 figures', () => {
  const expectRfcKey = async (file: string, opts: Parameters<typeof parsePskc>[1]): Promise<void> => {
    const keys = await collect(parsePskc(fixture(file), opts));
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.equal(key?.serial, '987654321');
    assert.deepEqual(key?.params, { type: 'hotp', algorithm: 'SHA1', digits: 8 });
    assert.deepEqual(key?.secret, RFC_SECRET);
    assert.equal(key?.counter, 0n);
    assert.equal(key?.expiresAtMs, null);
    // test-vectors.md §5: the first codes of this key
    assert.equal(hotp(key?.secret ?? Buffer.alloc(0), 0n, 8), '84755224');
    assert.equal(hotp(key?.secret ?? Buffer.alloc(0), 1n, 8), '94287082');
  };

  it('reads Figure 3 (plaintext) as serial 987654321, HOTP SHA1 8 digits, counter 0 and the RFC 4226 secret', async () => {
    await expectRfcKey('pskc/rfc6030-figure3.pskc', {});
  });

  it('decrypts Figure 6 with the pre-shared key after checking its ValueMAC, giving the same key', async () => {
    await expectRfcKey('pskc/rfc6030-figure6.pskc', { preSharedKey: FIGURE6_KEY });
  });

  it('decrypts Figure 7 with the PBKDF2 key derived from "qwerty", reading its missing Counter as 0', async () => {
    await expectRfcKey('pskc/rfc6030-figure7.pskc', { passphrase: 'qwerty' });
  });

  it('imports the HOTP key of Figure 5 and skips its device-local PIN key', async () => {
    const keys = await collect(parsePskc(fixture('pskc/rfc6030-figure5.pskc')));
    assert.deepEqual(keys.map((k) => [k.serial, k.params.type, k.manufacturer]), [['987654321', 'hotp', 'Manufacturer']]);
  });

  it('refuses Figure 2 because its 4-byte secret is shorter than 16 bytes', async () => {
    const error = await failure(parsePskc(fixture('pskc/rfc6030-figure2.pskc')));
    assert.equal(error.code, 'secret_too_short');
    assert.equal(error.position.keyPackage, 1);
  });

  it('refuses Figure 4 because it carries no secret, only a key profile and reference', async () => {
    assert.equal((await failure(parsePskc(fixture('pskc/rfc6030-figure4.pskc')))).code, 'secret_missing');
  });

  it('refuses Figure 10 at its fourth KeyPackage, the second one with serial 9999999', async () => {
    const error = await failure(parsePskc(fixture('pskc/rfc6030-figure10.pskc')));
    assert.equal(error.code, 'duplicate_serial');
    assert.deepEqual([error.position.keyPackage, error.position.serial], [4, '9999999']);
  });
});

describe('parsePskc keys and passphrases', () => {
  const cases = [
    ['a wrong pre-shared key', 'rfc6030-figure6.pskc', { preSharedKey: Buffer.from('00112233445566778899aabbccddeeff', 'hex') }, 'mac_mismatch'],
    ['a wrong passphrase', 'rfc6030-figure7.pskc', { passphrase: 'qwertz' }, 'mac_mismatch'],
    ['no pre-shared key', 'rfc6030-figure6.pskc', {}, 'key_missing'],
    ['a passphrase where a pre-shared key is needed', 'rfc6030-figure6.pskc', { passphrase: 'qwerty' }, 'key_missing'],
    ['no passphrase', 'rfc6030-figure7.pskc', {}, 'key_missing'],
    ['a 32-byte key for AES-128', 'rfc6030-figure6.pskc', { preSharedKey: Buffer.alloc(32, 1) }, 'bad_key'],
    ['a key for a file whose secret is in plain text', 'rfc6030-figure3.pskc', { preSharedKey: FIGURE6_KEY }, 'plaintext_secret'],
  ] as const;
  for (const [what, file, opts, code] of cases) {
    it(`fails closed with ${code} when given ${what}`, async () => {
      assert.equal((await failure(parsePskc(fixture(`pskc/${file}`), opts))).code, code);
    });
  }
});

describe('parsePskc negative fixtures', () => {
  const table = [
    ['bad-mac-value.pskc', 'mac_mismatch'],
    ['missing-mac-method.pskc', 'mac_method_missing'],
    ['unsupported-mac-algorithm.pskc', 'unsupported_mac'],
    ['empty-mac-key.pskc', 'bad_mac_key'],
    ['missing-value-mac.pskc', 'mac_missing'],
    ['unknown-encryption-algorithm.pskc', 'unsupported_encryption'],
    ['incomplete-pbkdf2.pskc', 'pbkdf2_incomplete'],
    ['wrong-version.pskc', 'bad_version'],
    ['non-integer-counter.pskc', 'bad_counter'],
    ['unknown-policy-element.pskc', 'unknown_policy'],
    ['key-usage-cr.pskc', 'usage_not_permitted'],
    ['pin-policy-prepend.pskc', 'unsupported_policy'],
    ['xxe.pskc', 'dtd_forbidden'],
    ['billion-laughs.pskc', 'dtd_forbidden'],
    ['dtd.pskc', 'dtd_forbidden'],
    ['duplicate-serial.pskc', 'duplicate_serial'],
    ['unknown-algorithm.pskc', 'unknown_algorithm'],
    ['nine-digits.pskc', 'bad_digits'],
    ['short-secret.pskc', 'secret_too_short'],
    ['missing-serial.pskc', 'serial_missing'],
    ['malformed.pskc', 'bad_xml'],
  ] as const;
  const opts = { preSharedKey: FIGURE6_KEY, passphrase: 'qwerty' };
  for (const [file, code] of table) {
    it(`refuses ${file} with ${code}`, async () => {
      const keyed = /mac|encryption|pbkdf2/.test(file) ? opts : {};
      const error = await failure(parsePskc(fixture(`pskc/${file}`), keyed));
      assert.equal(error.code, code, error.detail ?? '');
    });
  }

  it('names the KeyPackage, the serial and the line of the failure for the operator', async () => {
    const error = await failure(parsePskc(fixture('pskc/duplicate-serial.pskc')));
    assert.deepEqual(error.position, { keyPackage: 3, serial: '10000000000099', line: 66 });
  });
});

describe('parsePskc with the demo and TOTP files', () => {
  it('reads the five demo tokens with their models, steps, digits and secret lengths', async () => {
    const keys = await collect(parsePskc(fixture('pskc/demo.pskc')));
    const summary = keys.map((k) => [k.serial, k.model, k.params.algorithm, k.params.digits,
      k.params.type === 'totp' ? k.params.stepSeconds : null, k.secret.length]);
    assert.deepEqual(summary, [
      ['10000000000011', 'hw1', 'SHA1', 6, 30, 20],
      ['10000000000012', 'hw2', 'SHA1', 6, 60, 20],
      ['10000000000013', 'hw3', 'SHA256', 8, 30, 32],
      ['10000000000014', 'hw1', 'SHA1', 6, 30, 20],
      ['20000000000001', 'sw', 'SHA1', 6, 30, 20],
    ]);
  });

  it('accepts both TOTP URNs, Suite hashes, TimeInterval, Time, TimeDrift and takes the earlier expiry', async () => {
    const [first, second] = await collect(parsePskc(fixture('pskc/totp-variants.pskc')));
    assert.deepEqual(first?.params, { type: 'totp', algorithm: 'SHA512', digits: 8, stepSeconds: 60 });
    assert.equal(first?.secret.length, 64);
    assert.equal(first?.expiresAtMs, Date.parse('2030-12-31T15:00:00Z'));
    assert.deepEqual(second?.params, { type: 'totp', algorithm: 'SHA256', digits: 6, stepSeconds: 30 });
    assert.equal(second?.counter, 0n);
  });
});
