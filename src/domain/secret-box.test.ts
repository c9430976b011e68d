import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createKeyring } from './secret-box.ts';

const secret = Buffer.from('12345678901234567890');

test('a sealed secret opens again for its own serial', () => {
  const ring = createKeyring(randomBytes(32));
  assert.deepEqual(ring.open('A1', ring.seal('A1', secret)), secret);
});

test('the sealed blob never contains the secret in clear', () => {
  const ring = createKeyring(randomBytes(32));
  assert.equal(Buffer.from(ring.seal('A1', secret).blob).includes(secret), false);
});

test("swapping two tokens' blobs makes both fail closed", () => {
  const ring = createKeyring(randomBytes(32));
  const a = ring.seal('A1', secret);
  const b = ring.seal('B2', Buffer.from('abcdefghijklmnopqrst'));
  assert.throws(() => ring.open('A1', b));
  assert.throws(() => ring.open('B2', a));
});

test('a flipped bit in the ciphertext is refused', () => {
  const ring = createKeyring(randomBytes(32));
  const sealed = ring.seal('A1', secret);
  const blob = Buffer.from(sealed.blob);
  blob[14] = (blob[14] ?? 0) ^ 1;
  assert.throws(() => ring.open('A1', { ...sealed, blob }));
});

test('after a rotation the new keyring opens old blobs and seals with the new key', () => {
  const oldKey = randomBytes(32);
  const sealed = createKeyring(oldKey).seal('A1', secret);
  const rotated = createKeyring(randomBytes(32), [oldKey]);
  assert.deepEqual(rotated.open('A1', sealed), secret);
  assert.notEqual(rotated.seal('A1', secret).keyId, sealed.keyId);
  assert.throws(() => createKeyring(randomBytes(32)).open('A1', sealed), /no master key/);
});

test('a master key that is not 32 bytes is a broken configuration', () => {
  assert.throws(() => createKeyring(randomBytes(16)), TypeError);
});
