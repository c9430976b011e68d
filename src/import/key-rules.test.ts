import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDateTime, parseHash } from './key-rules.ts';
import { decodeBase32, decodeBase64, decodeHex } from './text-encodings.ts';

describe('parseDateTime', () => {
  it('reads xs:dateTime with Z, with an offset and with fractions of a second', () => {
    assert.equal(parseDateTime('2006-05-31T00:00:00Z'), Date.parse('2006-05-31T00:00:00Z'));
    assert.equal(parseDateTime('2030-12-31T23:59:59+09:00'), Date.parse('2030-12-31T14:59:59Z'));
    assert.equal(parseDateTime(' 2030-01-01T00:00:00.5-01:30 '), Date.parse('2030-01-01T01:30:00.500Z'));
  });

  for (const text of ['2030-02-30T00:00:00Z', '2030-13-01T00:00:00Z', '2030-01-01T24:00:00Z', '2030-01-01', '2030-01-01T00:00:00']) {
    it(`refuses ${text} with bad_date`, () => {
      assert.throws(() => parseDateTime(text), { code: 'bad_date' });
    });
  }
});

describe('parseHash', () => {
  it('accepts the documented spellings and defaults to SHA1', () => {
    assert.deepEqual(['HMAC-SHA1', 'sha-256', 'HMAC-SHA-512', 'SHA256'].map(parseHash), ['SHA1', 'SHA256', 'SHA512', 'SHA256']);
    assert.equal(parseHash(null), 'SHA1');
    assert.throws(() => parseHash('SHA3-256'), { code: 'unknown_algorithm' });
  });
});

describe('strict text encodings', () => {
  it('refuses what Buffer.from would silently skip or truncate', () => {
    assert.equal(decodeBase64('MTIz*DU2'), null);
    assert.equal(decodeBase64('MTIzN'), null);
    assert.deepEqual(decodeBase64(' MTIz\n NDU2 '), Buffer.from('123456'));
    assert.equal(decodeHex('31323'), null);
    assert.equal(decodeHex('3g'), null);
    assert.equal(decodeBase32('GEZDGNB1'), null);
    assert.equal(decodeBase32('GEZDGNBVH'), null);
    assert.deepEqual(decodeBase32('gezdgnbv'), Buffer.from('12345'));
  });
});
