import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from './store-ports.ts';
import { hashAuditEntry, verifyAuditChain } from './audit.ts';

function chainOf(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prevHash = '';
  for (let seq = 1; seq <= n; seq++) {
    const body = { chain: '10000000001', seq, atMs: 1_700_000_000_000 + seq, actor: 'admin', action: 'token.register', target: `serial${seq}`, outcome: 'registered', detail: '{}', ip: '127.0.0.1', prevHash };
    const hash = hashAuditEntry(body);
    out.push({ ...body, hash });
    prevHash = hash;
  }
  return out;
}
const headOf = (entries: AuditEntry[]): { seq: number; hash: string } => ({ seq: entries.at(-1)?.seq ?? 0, hash: entries.at(-1)?.hash ?? '' });

test('an intact chain verifies with no problems', () => {
  const entries = chainOf(5);
  assert.deepEqual(verifyAuditChain(entries, headOf(entries)), []);
});

test('an edited entry is named', () => {
  const entries = chainOf(5);
  const head = headOf(entries);
  entries[2] = { ...entries[2]!, outcome: 'pin_wrong' };
  assert.deepEqual(verifyAuditChain(entries, head).map((p) => [p.seq, p.kind]), [[3, 'edited']]);
});

test('a deleted entry is found at the entry after it', () => {
  const entries = chainOf(5);
  const head = headOf(entries);
  entries.splice(1, 1);
  assert.deepEqual(verifyAuditChain(entries, head).map((p) => [p.seq, p.kind]), [[3, 'deleted_or_reordered']]);
});

test('two swapped entries are found', () => {
  const entries = chainOf(5);
  const head = headOf(entries);
  [entries[1], entries[2]] = [entries[2]!, entries[1]!];
  assert.ok(verifyAuditChain(entries, head).some((p) => p.kind === 'deleted_or_reordered'));
});

test('entries deleted from the end are found through the chain head', () => {
  const entries = chainOf(5);
  const head = headOf(entries);
  assert.deepEqual(verifyAuditChain(entries.slice(0, 3), head).map((p) => p.kind), ['head_mismatch']);
});

test('rewriting an entry together with its hash still breaks the link to the next entry', () => {
  const entries = chainOf(4);
  const head = headOf(entries);
  const { hash: _old, ...body } = { ...entries[1]!, outcome: 'forged' };
  entries[1] = { ...body, hash: hashAuditEntry(body) };
  assert.deepEqual(verifyAuditChain(entries, head).map((p) => [p.seq, p.kind]), [[3, 'deleted_or_reordered']]);
});
