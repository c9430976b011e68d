// The audit log against someone who can write to the database (ASVS 4.0.3 7.3.3), on SQLite and PostgreSQL:
// the database refuses UPDATE and DELETE of entries; with that trigger dropped (DDL rights), every rewrite
// is named by the entries' HMAC, and what a consistent rewrite can still hide (a whole chain gone with its
// head, a tail cut off) is named by an exported signed checkpoint.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { CheckpointMark } from '../../src/domain/audit-chain-check.ts';
import { createAuditCheckpoint, readCheckpoint } from '../../src/domain/audit-checkpoint.ts';
import { sealAuditEntry } from '../../src/domain/audit-entry-hash.ts';
import { deriveAuditKeys, type AuditKeys } from '../../src/domain/audit-keys.ts';
import type { AuditEntry, Store } from '../../src/domain/store-ports.ts';
import { verifyAuditLog, type AuditVerifyReport } from '../../src/domain/verify-audit-log.ts';
import { markPostgresSuiteRan, POSTGRES_URL } from '../support/postgres.ts';
import { CONTRACT, OTHER, T0_MS, openPostgresWorld, openSqliteWorld, type AuditWorld, type OpenAuditWorld } from './audit-world.ts';

const PAGE = 3; // small, so every chain here spans several pages

function verify(w: AuditWorld, checkpoints: readonly CheckpointMark[] = []): Promise<AuditVerifyReport> {
  return verifyAuditLog(w.store, w.keys, { checkpoints, pageSize: PAGE });
}

async function checkpoint(w: AuditWorld): Promise<readonly CheckpointMark[]> {
  const made = await createAuditCheckpoint(w.store, w.keys, T0_MS + 3_600_000);
  assert.ok(made.ok, 'the intact log is signed');
  const reading = readCheckpoint(w.keys, made.line);
  assert.ok(reading.ok);
  return reading.marks;
}

const kinds = (r: AuditVerifyReport): string[] => r.problems.map((p) => `${p.chain}#${p.seq} ${p.kind}`);

/** The chain rewritten from `fromSeq` on, sealed again under the real key id with a key that is not the real one. */
async function rewriteFrom(w: AuditWorld, chain: string, fromSeq: number): Promise<void> {
  const theirs = deriveAuditKeys(randomBytes(32));
  const posing: AuditKeys = { ...theirs, currentKeyId: w.keys.currentKeyId, mac: (_id, data) => theirs.mac(theirs.currentKeyId, data) };
  const entries = await w.store.transaction((tx) => tx.audit.entries(chain));
  let prevHash = entries[fromSeq - 2]?.hash ?? '';
  for (const e of entries.slice(fromSeq - 1)) {
    const { hash: _old, ...body }: AuditEntry = { ...e, prevHash, outcome: e.seq === fromSeq ? 'rejected' : e.outcome };
    const hash = sealAuditEntry(posing, { ...body, keyId: w.keys.currentKeyId });
    await w.sql('UPDATE audit_log SET outcome = ?, prev_hash = ?, hash = ? WHERE chain = ? AND seq = ?', [body.outcome, prevHash, hash, chain, e.seq]);
    prevHash = hash;
  }
  await w.sql('UPDATE audit_heads SET hash = ? WHERE chain = ?', [prevHash, chain]);
}

/** A store whose `before`-th transaction waits for `gate` first: the moment between two pages of a verification. */
function pausedAt(store: Store, before: number, gate: Promise<void>): Store {
  let calls = 0;
  return { ...store, transaction: async (fn) => { if (++calls === before) await gate; return store.transaction(fn); } };
}

function tamperCases(open: OpenAuditWorld): void {
  const world = async (t: { after: (fn: () => Promise<void>) => void }): Promise<AuditWorld> => {
    const w = await open();
    t.after(() => w.close());
    await w.append(CONTRACT, 7);
    await w.append(OTHER, 4);
    await w.append('bank', 2);
    return w;
  };

  test('a plain UPDATE or DELETE of an audit entry is refused by the database, and the entry stays as it was', async (t) => {
    const w = await world(t);
    const before = await w.rows('SELECT * FROM audit_log ORDER BY chain, seq');
    await assert.rejects(w.sql("UPDATE audit_log SET outcome = 'rejected' WHERE chain = ? AND seq = 2", [CONTRACT]), /append-only/);
    await assert.rejects(w.sql('DELETE FROM audit_log WHERE chain = ?', [CONTRACT]), /append-only/);
    if (w.dialect === 'postgres') await assert.rejects(w.sql('TRUNCATE audit_log'), /append-only/);
    assert.deepEqual(await w.rows('SELECT * FROM audit_log ORDER BY chain, seq'), before);
    assert.deepEqual((await verify(w)).problems, []);
  });

  test('an intact log verifies page by page, every chain found, and matches its own checkpoint', async (t) => {
    const w = await world(t);
    const report = await verify(w, await checkpoint(w));
    assert.deepEqual([report.problems, report.entries], [[], 13]);
    assert.deepEqual(report.chains.map((c) => [c.chain, c.lastSeq, c.unkeyedBefore]), [[CONTRACT, 7, null], [OTHER, 4, null], ['bank', 2, null]]);
  });

  test('rewriting an entry and recomputing every later hash and the head is named without a checkpoint: the writer lacks the audit key', async (t) => {
    const w = await world(t);
    await w.dropAppendOnlyTrigger();
    await rewriteFrom(w, CONTRACT, 3);
    assert.deepEqual(kinds(await verify(w)), [3, 4, 5, 6, 7].map((seq) => `${CONTRACT}#${seq} edited`));
  });

  test('without a checkpoint, deleting a whole chain together with its head is undetectable; with one it is named', async (t) => {
    const w = await world(t);
    const marks = await checkpoint(w);
    await w.dropAppendOnlyTrigger();
    await w.sql('DELETE FROM audit_log WHERE chain = ?', [OTHER]);
    await w.sql('DELETE FROM audit_heads WHERE chain = ?', [OTHER]);
    assert.deepEqual((await verify(w)).problems, [], 'the limit: nothing in the database remembers the chain');
    assert.deepEqual(kinds(await verify(w, marks)), [`${OTHER}#4 chain_deleted`]);
  });

  test('without a checkpoint, cutting the tail off and moving the head back is undetectable; with one it is named', async (t) => {
    const w = await world(t);
    const marks = await checkpoint(w);
    await w.dropAppendOnlyTrigger();
    const [fifth] = await w.rows('SELECT hash FROM audit_log WHERE chain = ? AND seq = 5', [CONTRACT]);
    await w.sql('DELETE FROM audit_log WHERE chain = ? AND seq > 5', [CONTRACT]);
    await w.sql('UPDATE audit_heads SET seq = 5, hash = ? WHERE chain = ?', [String(fifth?.['hash']), CONTRACT]);
    assert.deepEqual((await verify(w)).problems, [], 'the limit: a shorter chain is consistent in itself');
    assert.deepEqual(kinds(await verify(w, marks)), [`${CONTRACT}#7 truncated`]);
  });

  test('a tail cut off without moving the head, and an entry deleted from the middle, are named without a checkpoint', async (t) => {
    const w = await world(t);
    await w.dropAppendOnlyTrigger();
    await w.sql('DELETE FROM audit_log WHERE chain = ? AND seq = 7', [CONTRACT]);
    await w.sql('DELETE FROM audit_log WHERE chain = ? AND seq = 2', [OTHER]);
    assert.deepEqual(kinds(await verify(w)), [`${CONTRACT}#7 head_mismatch`, `${OTHER}#3 deleted_or_reordered`]);
  });

  test('two entries swapped in order are named', async (t) => {
    const w = await world(t);
    await w.dropAppendOnlyTrigger();
    await w.sql('UPDATE audit_log SET seq = 100 WHERE chain = ? AND seq = 2', [CONTRACT]);
    await w.sql('UPDATE audit_log SET seq = 2 WHERE chain = ? AND seq = 3', [CONTRACT]);
    await w.sql('UPDATE audit_log SET seq = 3 WHERE chain = ? AND seq = 100', [CONTRACT]);
    const problems = kinds(await verify(w));
    assert.ok(problems.includes(`${CONTRACT}#2 edited`) && problems.includes(`${CONTRACT}#2 deleted_or_reordered`), problems.join(', '));
  });

  test('a chain whose head row alone was deleted is still found from the log, and named', async (t) => {
    const w = await world(t);
    await w.sql('DELETE FROM audit_heads WHERE chain = ?', [OTHER]);
    assert.deepEqual(kinds(await verify(w)), [`${OTHER}#4 head_mismatch`]);
  });

  test('a checkpoint is not signed over a tampered log', async (t) => {
    const w = await world(t);
    await w.dropAppendOnlyTrigger();
    await w.sql("UPDATE audit_log SET actor = 'someone' WHERE chain = ? AND seq = 1", ['bank']);
    const made = await createAuditCheckpoint(w.store, w.keys, T0_MS);
    assert.ok(!made.ok);
    assert.deepEqual(made.problems.map((p) => `${p.chain}#${p.seq} ${p.kind}`), ['bank#1 edited']);
  });

  test('entries from before the audit key verify and are reported as unkeyed before the first keyed one; an unkeyed entry after a keyed one is named', async (t) => {
    const w = await open();
    t.after(() => w.close());
    await w.append(CONTRACT, 3, { unkeyed: true });
    await w.append(CONTRACT, 2);
    const report = await verify(w);
    assert.deepEqual([report.problems, report.chains.map((c) => c.unkeyedBefore)], [[], [4]]);
    await w.append(CONTRACT, 1, { unkeyed: true });
    assert.deepEqual(kinds(await verify(w)), [`${CONTRACT}#6 unkeyed_after_keyed`]);
  });

  test('verification holds no lock between its pages: an append commits while a verification is half done, and both finish', async (t) => {
    const w = await world(t);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    // Transactions 1-2: chain list and the first chain's head; 3: page 1; the 4th (page 2) waits for the append.
    const verifying = verifyAuditLog(pausedAt(w.store, 4, gate), w.keys, { pageSize: PAGE });
    await w.append(CONTRACT, 1);
    release();
    const report = await verifying;
    assert.deepEqual(report.problems, []);
    assert.equal(report.chains.find((c) => c.chain === CONTRACT)?.lastSeq, 8, 'the entry appended meanwhile is read and checked too');
  });
}

describe('SQLite', () => tamperCases(openSqliteWorld));

if (POSTGRES_URL === undefined) {
  test('PostgreSQL audit tampering', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
} else {
  describe('PostgreSQL', () => {
    after(markPostgresSuiteRan);
    tamperCases(openPostgresWorld);

    test('audit verify runs while appends go on over several connections, and both finish with nothing missed', async (t) => {
      const w = await openPostgresWorld();
      t.after(() => w.close());
      await w.append(CONTRACT, 20);
      const writers = Promise.all([CONTRACT, OTHER, 'bank', CONTRACT].map((chain) => w.append(chain, 15)));
      const reports = [];
      for (let i = 0; i < 3; i++) reports.push(await verifyAuditLog(w.store, w.keys, { pageSize: 4 }));
      await writers;
      for (const r of reports) assert.deepEqual(r.problems, []);
      const final = await verifyAuditLog(w.store, w.keys, { pageSize: 4 });
      assert.deepEqual([final.problems, final.entries], [[], 20 + 4 * 15]);
    });
  });
}
