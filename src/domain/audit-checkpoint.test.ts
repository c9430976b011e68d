import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCheckpoint, signCheckpoint } from './audit-checkpoint.ts';
import { deriveAuditKeys } from './audit-keys.ts';

const T_MS = Date.UTC(2026, 10, 30, 12, 0, 0);
const CHAINS = [
  { chain: '10000000001', seq: 7, hash: 'a'.repeat(64) },
  { chain: 'bank', seq: 12, hash: 'b'.repeat(64) },
];

test('a signed checkpoint reads back as the chains, seqs and hashes it was made of, with its time', () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const reading = readCheckpoint(keys, signCheckpoint(keys, T_MS, CHAINS));
  assert.ok(reading.ok);
  assert.equal(reading.keyId, keys.currentKeyId);
  assert.deepEqual(reading.marks, CHAINS.map((c) => ({ ...c, time: '2026-11-30T12:00:00.000Z' })));
});

test('the signing key is derived from the master key: the same key always gives the same public key, another key another', () => {
  const master = randomBytes(32);
  const a = deriveAuditKeys(master);
  assert.equal(a.publicKeyPem(a.currentKeyId), deriveAuditKeys(master).publicKeyPem(a.currentKeyId));
  const b = deriveAuditKeys(randomBytes(32));
  assert.notEqual(a.publicKeyPem(a.currentKeyId), b.publicKeyPem(b.currentKeyId));
});

test('a checkpoint whose signed text was changed is refused as a bad signature', () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const doc = JSON.parse(signCheckpoint(keys, T_MS, CHAINS)) as Record<string, string>;
  const changed = { ...doc, checkpoint: (doc['checkpoint'] ?? '').replace('10000000001 7', '10000000001 5') };
  assert.deepEqual(readCheckpoint(keys, JSON.stringify(changed)), { ok: false, reason: 'bad_signature' });
  const otherSignature = { ...doc, signature: randomBytes(64).toString('base64') };
  assert.deepEqual(readCheckpoint(keys, JSON.stringify(otherSignature)), { ok: false, reason: 'bad_signature' });
});

test('a checkpoint signed by someone else\'s key, even with their public key in the file, is refused', () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const forger = deriveAuditKeys(randomBytes(32));
  assert.deepEqual(readCheckpoint(keys, signCheckpoint(forger, T_MS, CHAINS)), { ok: false, reason: 'unknown_key' });
  // Claiming the real key id does not help: the signature is checked with the key derived here.
  const doc = JSON.parse(signCheckpoint(forger, T_MS, CHAINS)) as Record<string, string>;
  const posing = { ...doc, checkpoint: (doc['checkpoint'] ?? '').replace(forger.currentKeyId, keys.currentKeyId) };
  assert.deepEqual(readCheckpoint(keys, JSON.stringify(posing)), { ok: false, reason: 'bad_signature' });
});

test('checkpoints signed before a master key rotation verify while the old key is among the previous keys', () => {
  const oldMaster = randomBytes(32);
  const line = signCheckpoint(deriveAuditKeys(oldMaster), T_MS, CHAINS);
  assert.ok(readCheckpoint(deriveAuditKeys(randomBytes(32), [oldMaster]), line).ok);
});

test('malformed lines are refused as malformed, never thrown', () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const good = JSON.parse(signCheckpoint(keys, T_MS, CHAINS)) as Record<string, string>;
  for (const line of ['', 'not json', '[]', '{"format":"other"}', JSON.stringify({ ...good, checkpoint: 'bizotp audit checkpoint v1\n' }), JSON.stringify({ ...good, checkpoint: (good['checkpoint'] ?? '').replace('10000000001', '%E0%A4%A') })]) {
    assert.deepEqual(readCheckpoint(keys, line), { ok: false, reason: 'malformed' }, line);
  }
});

test('an auditor verifies a checkpoint offline with openssl and the public key in it', { skip: !existsSync('/usr/bin/openssl') && 'openssl is not installed' }, () => {
  const keys = deriveAuditKeys(randomBytes(32));
  const doc = JSON.parse(signCheckpoint(keys, T_MS, CHAINS)) as Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-checkpoint-'));
  writeFileSync(join(dir, 'checkpoint.txt'), doc['checkpoint'] ?? '');
  writeFileSync(join(dir, 'checkpoint.sig'), Buffer.from(doc['signature'] ?? '', 'base64'));
  writeFileSync(join(dir, 'public.pem'), doc['publicKey'] ?? '');
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'public.pem'), '-rawin', '-in', join(dir, 'checkpoint.txt'), '-sigfile', join(dir, 'checkpoint.sig')];
  assert.match(execFileSync('openssl', args, { encoding: 'utf8' }), /Signature Verified Successfully/);
  writeFileSync(join(dir, 'checkpoint.txt'), (doc['checkpoint'] ?? '').replace('bank 12', 'bank 11'));
  assert.throws(() => execFileSync('openssl', args, { stdio: 'pipe' }));
});
