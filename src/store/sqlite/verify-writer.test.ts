import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../open-store.ts';
import { createVerifyWriter } from './verify-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'bizotp-verify-writer-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the writer thread answers the reads of one turn together, each with its own row, and closes after them', async () => {
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
  await assert.rejects(writer.read('k', 'c', 'l'), /verify writer/);
  await assert.rejects(writer.read('k', 'c', 'l'), /verify writer/);
  await writer.close();
});
