import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createChainCheck, type ChainSummary, type CheckpointMark } from './audit-chain-check.ts';
import { hashAuditEntry, sealAuditEntry } from './audit-entry-hash.ts';
import { deriveAuditKeys, type AuditKeys } from './audit-keys.ts';
import type { AuditEntry, AuditHead } from './store-ports.ts';

const CHAIN = '10000000001';

function setup(): { keys: AuditKeys; chainOf: (n: number, opts?: { unkeyed?: number; keys?: AuditKeys }) => AuditEntry[] } {
  const keys = deriveAuditKeys(randomBytes(32));
  /** `n` entries; the first `unkeyed` of them in the form written before the audit key. */
  const chainOf = (n: number, opts: { unkeyed?: number; keys?: AuditKeys } = {}): AuditEntry[] => {
    const sealer = opts.keys ?? keys;
    const out: AuditEntry[] = [];
    let prevHash = '';
    for (let seq = 1; seq <= n; seq++) {
      const body = { chain: CHAIN, seq, atMs: 1_700_000_000_000 + seq, actor: 'admin', action: 'token.register', target: `serial${seq}`, outcome: 'registered', detail: '{}', ip: '127.0.0.1', prevHash };
      const entry: AuditEntry = seq <= (opts.unkeyed ?? 0)
        ? { ...body, hash: hashAuditEntry(body) }
        : { ...body, keyId: sealer.currentKeyId, hash: sealAuditEntry(sealer, { ...body, keyId: sealer.currentKeyId }) };
      out.push(entry);
      prevHash = entry.hash;
    }
    return out;
  };
  return { keys, chainOf };
}

const headOf = (entries: readonly AuditEntry[]): AuditHead => ({ seq: entries.at(-1)?.seq ?? 0, hash: entries.at(-1)?.hash ?? '' });

function check(keys: AuditKeys, entries: readonly AuditEntry[], head: AuditHead | undefined, marks: CheckpointMark[] = []): ChainSummary {
  const c = createChainCheck(CHAIN, keys, head, marks);
  for (const e of entries) c.push(e);
  return c.finish();
}
const kinds = (s: ChainSummary): Array<[number, string]> => s.problems.map((p) => [p.seq, p.kind]);

test('an intact keyed chain verifies with no problems and no unkeyed entries', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5);
  const summary = check(keys, entries, headOf(entries));
  assert.deepEqual([summary.problems, summary.unkeyedBefore, summary.lastSeq, summary.entries], [[], null, 5, 5]);
});

test('an edited entry is named', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5);
  const head = headOf(entries);
  entries[2] = { ...entries[2]!, outcome: 'pin_wrong' };
  assert.deepEqual(kinds(check(keys, entries, head)), [[3, 'edited']]);
});

test('rewriting an entry and recomputing every later hash without the audit key is named at the rewritten entry', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(4);
  // The attacker's best effort: entry 2 rewritten, and it and every later entry sealed again under the
  // real key id with a key of their own.
  const theirs = deriveAuditKeys(randomBytes(32));
  const posing: AuditKeys = { ...theirs, currentKeyId: keys.currentKeyId, mac: (_id, data) => theirs.mac(theirs.currentKeyId, data) };
  const rewritten: AuditEntry[] = [entries[0]!];
  for (const e of entries.slice(1)) {
    const { hash: _h, ...body } = { ...e, prevHash: rewritten.at(-1)!.hash, outcome: e.seq === 2 ? 'forged' : e.outcome };
    rewritten.push({ ...body, hash: sealAuditEntry(posing, { ...body, keyId: keys.currentKeyId }) });
  }
  assert.deepEqual(kinds(check(keys, rewritten, headOf(rewritten))).filter(([, k]) => k === 'edited').map(([seq]) => seq), [2, 3, 4]);
});

test('a deleted entry is found at the entry after it, and two swapped entries are found', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5);
  const head = headOf(entries);
  assert.deepEqual(kinds(check(keys, [...entries.slice(0, 1), ...entries.slice(2)], head)), [[3, 'deleted_or_reordered']]);
  const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
  assert.ok(kinds(check(keys, swapped, head)).some(([, k]) => k === 'deleted_or_reordered'));
});

test('entries deleted from the end are found through the chain head, and a missing head is named', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5);
  assert.deepEqual(kinds(check(keys, entries.slice(0, 3), headOf(entries))), [[5, 'head_mismatch']]);
  assert.deepEqual(kinds(check(keys, entries, undefined)), [[5, 'head_mismatch']]);
});

test('without a checkpoint, cutting the tail and moving the head back is undetectable; a checkpoint names it', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5);
  const cut = entries.slice(0, 3);
  assert.deepEqual(check(keys, cut, headOf(cut)).problems, [], 'the limit: a consistent shorter chain');
  const mark = { chain: CHAIN, seq: 5, hash: entries[4]!.hash, time: '2026-11-30T00:00:00.000Z' };
  assert.deepEqual(kinds(check(keys, cut, headOf(cut), [mark])), [[5, 'truncated']]);
});

test('a checkpoint names an entry at its seq that is not the one it signed, and a chain with nothing left', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(3);
  const mark = { chain: CHAIN, seq: 2, hash: 'f'.repeat(64), time: '2026-11-30T00:00:00.000Z' };
  assert.deepEqual(kinds(check(keys, entries, headOf(entries), [mark])), [[2, 'checkpoint_mismatch']]);
  assert.deepEqual(kinds(check(keys, [], undefined, [{ ...mark, hash: entries[1]!.hash }])), [[2, 'chain_deleted']]);
});

test('entries written before the audit key verify as before and are reported as unkeyed, before the first keyed one', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(5, { unkeyed: 3 });
  const summary = check(keys, entries, headOf(entries));
  assert.deepEqual([summary.problems, summary.unkeyedBefore], [[], 4]);
  const edited = [...entries];
  edited[1] = { ...edited[1]!, outcome: 'forged' };
  assert.deepEqual(kinds(check(keys, edited, headOf(entries))), [[2, 'edited']]);
});

test('an unkeyed entry after a keyed one is named: only a writer without the audit key makes one', () => {
  const { keys, chainOf } = setup();
  const entries = chainOf(3);
  const { hash: _h, keyId: _k, ...body } = { ...entries[2]!, outcome: 'forged' };
  const downgraded = [...entries.slice(0, 2), { ...body, hash: hashAuditEntry(body) }];
  assert.deepEqual(kinds(check(keys, downgraded, headOf(downgraded))), [[3, 'unkeyed_after_keyed']]);
});

test('entries sealed under a previous master key verify while that key is configured, and are named when it is not', () => {
  const oldMaster = randomBytes(32);
  const oldKeys = deriveAuditKeys(oldMaster);
  const { chainOf } = setup();
  const entries = chainOf(3, { keys: oldKeys });
  const rotated = deriveAuditKeys(randomBytes(32), [oldMaster]);
  assert.deepEqual(check(rotated, entries, headOf(entries)).problems, []);
  const forgotten = deriveAuditKeys(randomBytes(32));
  assert.deepEqual(kinds(check(forgotten, entries, headOf(entries))), [[1, 'unknown_key']], 'named once, not once per entry');
});
