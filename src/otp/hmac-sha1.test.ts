import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createSecretKey } from 'node:crypto';
import { inspect } from 'node:util';
import { hmacKey } from './hmac-key.ts';
import { hmacSha1Counter, hotpSha1Truncated, sha1PadState } from './hmac-sha1.ts';

const SECRET = Buffer.from('12345678901234567890', 'ascii');

test('A key pays for its pads once: the same KeyObject gives back the same pad state.', () => {
  const key = hmacKey(SECRET);
  assert.equal(sha1PadState(key), sha1PadState(key));
  // Another KeyObject of the same secret has its own state, with the same values.
  const other = sha1PadState(hmacKey(SECRET));
  assert.notEqual(other, sha1PadState(key));
  assert.deepEqual(other, sha1PadState(key));
});

test('The pad state kept on a key is shown by no inspection of the key, even with hidden properties.', () => {
  const key = hmacKey(SECRET);
  const { inner, outer } = sha1PadState(key);
  const shown = inspect(key, { showHidden: true, depth: 10 });
  for (const word of [...inner, ...outer]) assert.ok(!shown.includes(String(word)), shown);
  assert.deepEqual(Object.getOwnPropertySymbols(key), []);
  assert.deepEqual(Object.keys({ ...key }), []);
});

test('A key that takes no new fields still computes correct HMACs, its pads recomputed per call.', () => {
  const key = Object.preventExtensions(createSecretKey(SECRET));
  const message = Buffer.alloc(8);
  message.writeUInt32BE(7, 4);
  const expected = createHmac('sha1', SECRET).update(message).digest();
  const mac = Buffer.alloc(20);
  for (const [i, word] of hmacSha1Counter(sha1PadState(key), 0, 7).entries()) mac.writeInt32BE(word, i * 4);
  assert.deepEqual(mac, expected);
  assert.notEqual(sha1PadState(key), sha1PadState(key));
  // RFC 4226 Appendix D, count 7: Truncate = 82162583.
  assert.equal(hotpSha1Truncated(sha1PadState(key), 0, 7), 82162583);
});
