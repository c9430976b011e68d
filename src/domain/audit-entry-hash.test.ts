import assert from 'node:assert/strict';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { checkAuditEntryHash, sealAuditEntry } from './audit-entry-hash.ts';
import { deriveAuditKeys } from './audit-keys.ts';
import type { AuditEntry } from './store-ports.ts';

type Body = Omit<AuditEntry, 'hash'> & { keyId: string };

/**
 * The keyed hash exactly as AUDIT.md defines it, written the plain way (createHmac over the HKDF-derived key,
 * each field length-prefixed): every entry already in a log must keep verifying, so the fast path must give
 * these bytes and no others.
 */
function referenceSeal(master: Buffer, e: Body): string {
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'bizotp audit v1', 32));
  const fields = [e.chain, String(e.seq), String(e.atMs), e.actor, e.action, e.target, e.outcome, e.detail, e.ip, e.prevHash, e.keyId];
  const bytes = Buffer.concat([Buffer.from('bizotp audit v1\0', 'utf8'), Buffer.from(fields.map((f) => `${Buffer.byteLength(f)}:${f};`).join(''), 'utf8')]);
  return createHmac('sha256', key).update(bytes).digest('hex');
}

function bodyOf(keyId: string, overrides: Partial<Body> = {}): Body {
  return {
    chain: '10000000001', seq: 42, atMs: 1_764_460_800_123, actor: 'api:勘定系', action: 'api.otp.verify', target: 'user01',
    outcome: 'accepted', detail: '{"serial":"SN0001"}', ip: '192.0.2.1', prevHash: 'ab'.repeat(32), keyId, ...overrides,
  };
}

test('a sealed entry has byte for byte the HMAC of the documented encoding, for ASCII, Japanese, empty and very long fields', () => {
  const master = randomBytes(32);
  const keys = deriveAuditKeys(master);
  const bodies = [
    bodyOf(keys.currentKeyId),
    bodyOf(keys.currentKeyId, { seq: 1, prevHash: '', target: '', ip: '', detail: '{}' }),
    bodyOf(keys.currentKeyId, { actor: 'staff:山田', detail: JSON.stringify({ reason: '紛失による再発行、ご本人確認済み' }) }),
    bodyOf(keys.currentKeyId, { detail: JSON.stringify({ note: 'x'.repeat(20_000) }) }),
    bodyOf(keys.currentKeyId, { target: '1:2;3', outcome: ';;::' }),
    bodyOf(keys.currentKeyId, { seq: Number.MAX_SAFE_INTEGER, atMs: 0 }),
  ];
  for (const body of bodies) assert.equal(sealAuditEntry(keys, body), referenceSeal(master, body));
  // A short entry after the long one: nothing of the long one's bytes may carry over.
  assert.equal(sealAuditEntry(keys, bodies[0]!), referenceSeal(master, bodies[0]!));
});

test('an entry sealed under a previous master key is sealed and checked with that key', () => {
  const old = randomBytes(32);
  const rotated = deriveAuditKeys(randomBytes(32), [old]);
  const body = bodyOf(deriveAuditKeys(old).currentKeyId);
  const hash = sealAuditEntry(rotated, body);
  assert.equal(hash, referenceSeal(old, body));
  assert.equal(checkAuditEntryHash(rotated, { ...body, hash }), 'intact');
  assert.equal(checkAuditEntryHash(rotated, { ...body, outcome: 'rejected', hash }), 'altered');
});

test('the MAC of bytes and of the same text as UTF-8 is the same', () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const text = 'bizotp 監査 checkpoint';
  assert.deepEqual(keys.mac(keys.currentKeyId, text), keys.mac(keys.currentKeyId, Buffer.from(text, 'utf8')));
  assert.equal(keys.mac('unknown', text), undefined);
});
