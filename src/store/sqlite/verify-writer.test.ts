import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { openStore } from '../open-store.ts';
import { createVerifyWriter } from './verify-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'bizotp-verify-writer-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the reader thread answers the reads of one turn together, each with its own row, and closes after them', async () => {
  const path = join(dir, 'ok.sqlite');
  await (await openStore(path)).close(); // migrated, as serve finds it
  const writer = createVerifyWriter(path, undefined);
  const rows = await Promise.all(['a', 'b', 'c'].map((login) => writer.read('no-key', '99999999999', login)));
  // No such key or contract: one row each, every column of the key and the contract empty.
  assert.deepEqual(rows.map((r) => [r.k_name, r.c_id]), [[null, null], [null, null], [null, null]]);
  const late = writer.read('no-key', '99999999999', 'd');
  await writer.close();
  assert.equal((await late).c_id, null, 'a read sent before close is answered');
  await assert.rejects(writer.read('no-key', '99999999999', 'e'), /closed/);
});

test('a file the writer cannot use: each request is refused (the verify API then takes its transaction path), none hangs', async () => {
  const path = join(dir, 'not-a-database.sqlite');
  writeFileSync(path, 'this is not a SQLite database, and it is longer than a header would be. '.repeat(20));
  const writer = createVerifyWriter(path, undefined);
  await assert.rejects(writer.read('k', 'c', 'l'), /verify reader/);
  await assert.rejects(writer.read('k', 'c', 'l'), /verify reader/);
  await assert.rejects(writer.commit({ status: 'registered', maxFailures: 5, items: [] }), /verify writer/);
  await assert.rejects(writer.commit({ status: 'registered', maxFailures: 5, items: [] }), /verify writer/);
  await writer.close();
});

test('a read is answered while another connection holds the write lock, and sees only what was committed', async () => {
  const path = join(dir, 'locked.sqlite');
  await (await openStore(path)).close();
  const writer = createVerifyWriter(path, undefined);
  const other = new DatabaseSync(path);
  try {
    // As the writer thread's own COMMIT does while it syncs: the file's one write lock, held.
    other.exec('BEGIN IMMEDIATE');
    other.exec("UPDATE schema_migrations SET name = name WHERE version = 1");
    const timeout = new Promise<'waited'>((resolve) => setTimeout(resolve, 2000, 'waited').unref());
    const row = await Promise.race([writer.read('no-key', '99999999999', 'a'), timeout]);
    assert.notEqual(row, 'waited', 'the read waited for the write lock');
    assert.equal((row as { c_id: unknown }).c_id, null);
  } finally {
    other.exec('ROLLBACK');
    other.close();
    await writer.close();
  }
});
