// Operating the server: `serve` refuses to start without a master key outside development mode and on a
// schema that is behind (only `bizotp migrate` changes it); /readyz says schema_behind; `bizotp backup` makes a
// consistent, checked copy of a SQLite database while it is being written, and names pg_dump for PostgreSQL.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { aToken } from '../src/store/conformance/fixtures.ts';
import { openStore, SchemaBehindError } from '../src/store/open-store.ts';
import { backupSqlite } from '../src/store/sqlite/backup-sqlite.ts';
import { cliHarness } from './support/cli-harness.ts';
import { setup } from './web/fixture.ts';

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node src/main.ts ARGS` with only the given environment (and PATH), as an operator's shell would. */
function bizotp(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function keyFile(dir: string): string {
  const path = join(dir, 'master.key');
  writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

describe('starting the server', () => {
  it('serve refuses to start without a master key outside development mode, and makes no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-ops-'));
    const run = await bizotp(['serve'], { BIZOTP_DATA_DIR: dir, PORT: '0' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /マスターキーが設定されていません/);
    assert.equal(existsSync(join(dir, 'dev-master-key')), false);
  });

  it('serve refuses a database whose schema is behind; bizotp migrate brings it up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-ops-'));
    const env = { BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: keyFile(dir), PORT: '0' };
    const refused = await bizotp(['serve'], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /データベースのスキーマが古いため起動できません。bizotp migrate を実行してください。/);
    const listed = await bizotp(['tokens', 'list'], env);
    assert.equal(listed.code, 2, 'no other command migrates either');
    const migrated = await bizotp(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal((await bizotp(['tokens', 'list'], env)).code, 0);
  });

  it('openStore with require-current throws SchemaBehindError naming the pending migrations', async () => {
    await assert.rejects(openStore(':memory:', { schema: 'require-current' }), (e: unknown) => e instanceof SchemaBehindError && e.pending.length > 0);
  });

  it('/readyz is 503 JSON schema_behind when migrations are pending', async () => {
    const f = await setup({ users: 0 });
    try {
      const behind = { ...f.deps, store: { ...f.deps.store, pendingMigrations: async () => [99] } };
      const { createApp } = await import('../src/web/app.ts');
      const app = createApp(behind, { secureCookies: true, logger: false });
      const answer = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(answer.statusCode, 503);
      assert.deepEqual(answer.json(), { status: 'not_ready', database: 'sqlite', reason: 'schema_behind' });
      assert.equal((await f.createApp().inject({ method: 'GET', url: '/readyz' })).statusCode, 200, 'a current schema is ready');
    } finally {
      await f.close();
    }
  });
});

describe('bizotp backup', () => {
  it('copies a SQLite database while another connection keeps committing, and the copy passes its checks', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-backup-'));
    const path = join(dir, 'db.sqlite');
    const store = await openStore(path);
    t.after(() => store.close());
    await store.transaction((tx) => tx.tokens.insertBatch(Array.from({ length: 2000 }, (_, i) => aToken(`BK${String(i).padStart(6, '0')}`))));
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await store.transaction((tx) => tx.tokens.insertBatch([aToken(`WR${String(written).padStart(6, '0')}`)]));
        written += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const copy = join(dir, 'copy.sqlite');
    await backupSqlite(path, copy);
    writing = false;
    await writer;
    const db = new DatabaseSync(copy, { readOnly: true });
    try {
      const count = Number(db.prepare("SELECT COUNT(*) AS n FROM tokens WHERE serial LIKE 'BK%'").get()?.n);
      assert.equal(count, 2000);
      assert.equal(db.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
    } finally {
      db.close();
    }
    await assert.rejects(backupSqlite(path, copy), /already exists/, 'an existing file is never overwritten');
  });

  it('the command writes the copy and refuses a second file argument', async (t) => {
    const cli = cliHarness();
    t.after(() => cli.close());
    await cli.deps();
    const target = join(mkdtempSync(join(tmpdir(), 'bizotp-backup-')), 'copy.sqlite');
    const run = await cli.run(['backup', target]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(target), true);
    assert.equal((await cli.run(['backup', 'a', 'b'])).code, 2);
  });

  it('for PostgreSQL it prints the pg_dump procedure and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-ops-'));
    const run = await bizotp(['backup', join(dir, 'x')], { BIZOTP_DATA_DIR: dir, BIZOTP_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /pg_dump --format=custom/);
  });
});
