// `bizotp audit checkpoint` and `bizotp audit verify --checkpoints` as the bank's operator runs them:
// checkpoints kept in a file off the database, exit 0 intact / 1 tampered / 2 bad input.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, test } from 'node:test';
import { cliHarness, type CliHarness } from '../support/cli-harness.ts';

let cli: CliHarness;
beforeEach(async () => {
  cli = cliHarness();
  assert.equal((await cli.run(['demo'])).code, 0);
});
afterEach(() => cli.close());

const checkpointFile = (): string => `${cli.config.dataDir}/checkpoints.jsonl`;

/** As someone with the database file and DDL rights would. */
function tamper(...statements: string[]): void {
  const db = new DatabaseSync(cli.dbPath);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  for (const s of statements) db.exec(s);
  db.close();
}

test('audit checkpoint appends a signed line to --out and prints its public key; without --out the line goes to stdout', async () => {
  const first = await cli.run(['audit', 'checkpoint', '--out', checkpointFile()]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /-----BEGIN PUBLIC KEY-----/);
  assert.equal((await cli.run(['audit', 'checkpoint', '--out', checkpointFile()])).code, 0);
  const lines = readFileSync(checkpointFile(), 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  const doc = JSON.parse(lines[0] ?? '') as { format: string; checkpoint: string };
  assert.equal(doc.format, 'bizotp-audit-checkpoint-v1');
  assert.match(doc.checkpoint, /^bizotp audit checkpoint v1\ntime 2026-11-24T09:00:00\.000Z\nkey [0-9a-f]{16}\n10000000001 \d+ [0-9a-f]{64}\nbank \d+ [0-9a-f]{64}\n$/);
  const printed = await cli.run(['audit', 'checkpoint']);
  assert.equal(printed.code, 0);
  assert.equal(JSON.parse(printed.stdout).format, 'bizotp-audit-checkpoint-v1');
});

test('audit verify with the checkpoints passes on an intact log, and names a chain deleted with its head that plain verify cannot see', async () => {
  assert.equal((await cli.run(['audit', 'checkpoint', '--out', checkpointFile()])).code, 0);
  const intact = await cli.run(['audit', 'verify', '--checkpoints', checkpointFile()]);
  assert.equal(intact.code, 0, intact.stdout + intact.stderr);
  assert.doesNotMatch(intact.stdout, /unkeyed/, 'every entry the commands wrote is sealed with the audit key');
  tamper("DELETE FROM audit_log WHERE chain = '10000000001'", "DELETE FROM audit_heads WHERE chain = '10000000001'");
  assert.equal((await cli.run(['audit', 'verify'])).code, 0, 'the limit without a checkpoint');
  const named = await cli.run(['audit', 'verify', '--checkpoints', checkpointFile()]);
  assert.equal(named.code, 1);
  assert.match(named.stdout, /chain_deleted: chain 10000000001/);
});

test('a checkpoint whose signature does not verify, or a file that cannot be read, is refused with exit 2', async () => {
  assert.equal((await cli.run(['audit', 'checkpoint', '--out', checkpointFile()])).code, 0);
  const doc = JSON.parse(readFileSync(checkpointFile(), 'utf8')) as { checkpoint: string };
  const forged = { ...doc, checkpoint: doc.checkpoint.replace(/\nbank \d+ /, '\nbank 1 ') };
  writeFileSync(checkpointFile(), `${JSON.stringify(forged)}\n`);
  const refused = await cli.run(['audit', 'verify', '--checkpoints', checkpointFile()]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /checkpoints\.jsonl:1: .*\(bad_signature\)/);
  assert.equal((await cli.run(['audit', 'verify', '--checkpoints', `${checkpointFile()}.missing`])).code, 2);
});

test('audit checkpoint refuses to sign a log that does not verify, with exit 1', async () => {
  tamper("UPDATE audit_log SET outcome = 'forged' WHERE chain = 'bank' AND seq = 1");
  const refused = await cli.run(['audit', 'checkpoint', '--out', checkpointFile()]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /edited: entry bank#1/);
});
