import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { hotp } from '../otp/hotp.ts';
import { createKeyring } from './secret-box.ts';
import { tokenHmacKey } from './token-key-cache.ts';

const secretA = Buffer.from('12345678901234567890');
const secretB = Buffer.from('abcdefghijklmnopqrst');

/** RFC 4226 App. D: the secret "12345678901234567890" gives 755224 at counter 0. */
const codeOf = (key: ReturnType<typeof tokenHmacKey>): string => hotp(key, 0n, 6, 'SHA1');

test('a token key opened once is the same key the next time its sealed secret is presented', () => {
  const ring = createKeyring(randomBytes(32));
  const sealed = ring.seal('A1', secretA);
  const first = tokenHmacKey(ring, 'A1', sealed);
  assert.equal(codeOf(first), '755224');
  assert.equal(tokenHmacKey(ring, 'A1', { keyId: sealed.keyId, blob: Uint8Array.from(sealed.blob) }), first);
});

test('a secret resealed or replaced under the same serial is opened afresh, never served from the cache', () => {
  const ring = createKeyring(randomBytes(32));
  tokenHmacKey(ring, 'A1', ring.seal('A1', secretA));
  assert.notEqual(codeOf(tokenHmacKey(ring, 'A1', ring.seal('A1', secretB))), '755224');
  // Rewrapped under a new master key: another key id and blob, the same secret.
  const oldKey = randomBytes(32);
  const before = createKeyring(oldKey);
  const rotated = createKeyring(randomBytes(32), [oldKey]);
  const oldBlob = before.seal('A2', secretA);
  const cachedOld = tokenHmacKey(rotated, 'A2', oldBlob);
  const rewrapped = rotated.seal('A2', rotated.open('A2', oldBlob));
  const fresh = tokenHmacKey(rotated, 'A2', rewrapped);
  assert.notEqual(fresh, cachedOld);
  assert.equal(codeOf(fresh), '755224');
});

test("a blob swapped in from another token fails closed even after the serial's own key was cached", () => {
  const ring = createKeyring(randomBytes(32));
  const a = ring.seal('A1', secretA);
  const b = ring.seal('B2', secretB);
  tokenHmacKey(ring, 'A1', a);
  tokenHmacKey(ring, 'B2', b);
  assert.throws(() => tokenHmacKey(ring, 'A1', b));
  assert.throws(() => tokenHmacKey(ring, 'B2', a));
});

test('a flipped bit in a cached blob is refused, and a keyring without the key opens nothing another keyring cached', () => {
  const ring = createKeyring(randomBytes(32));
  const sealed = ring.seal('A1', secretA);
  tokenHmacKey(ring, 'A1', sealed);
  const blob = Buffer.from(sealed.blob);
  blob[14] = (blob[14] ?? 0) ^ 1;
  assert.throws(() => tokenHmacKey(ring, 'A1', { ...sealed, blob }));
  assert.throws(() => tokenHmacKey(createKeyring(randomBytes(32)), 'A1', sealed), /no master key/);
});

test('the cache holds at most its bound and lets the least recently used token go first', () => {
  const ring = createKeyring(randomBytes(32));
  const sealed = ['S1', 'S2', 'S3'].map((serial) => ring.seal(serial, secretA));
  const k1 = tokenHmacKey(ring, 'S1', sealed[0]!, 2);
  const k2 = tokenHmacKey(ring, 'S2', sealed[1]!, 2);
  assert.equal(tokenHmacKey(ring, 'S1', sealed[0]!, 2), k1); // S1 is now the most recent
  tokenHmacKey(ring, 'S3', sealed[2]!, 2); // evicts S2
  assert.equal(tokenHmacKey(ring, 'S1', sealed[0]!, 2), k1);
  assert.notEqual(tokenHmacKey(ring, 'S2', sealed[1]!, 2), k2);
});
