import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SqlDatabase } from '../sql/sql-executor.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { MIGRATIONS } from './all-migrations.ts';
import { migrate } from './migrate.ts';

function setup(t: { after(fn: () => void | Promise<void>): void }): { path: string; open(): SqlDatabase } {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-migrate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'bizotp.sqlite');
  return {
    path,
    open(): SqlDatabase {
      const db = openSqliteDatabase(path);
      t.after(() => db.close());
      return db;
    },
  };
}

test('migrate applies every migration once; running it again, from another connection, applies nothing', async (t) => {
  const s = setup(t);
  assert.deepEqual(await migrate(s.open()), MIGRATIONS.map((m) => m.version));
  assert.deepEqual(await migrate(s.open()), []);
});

test('migrate refuses a database that newer code has migrated', async (t) => {
  const s = setup(t);
  const db = s.open();
  await migrate(db);
  await db.withTransaction((exec) => exec.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [999, 'from the future']));
  await assert.rejects(migrate(db));
});

test('migrate refuses a migration list whose versions do not increase', async (t) => {
  const s = setup(t);
  const [first] = MIGRATIONS;
  assert.ok(first);
  await assert.rejects(migrate(s.open(), [{ ...first, version: 2 }, first]), TypeError);
});

test('a failing migration leaves the database as it was', async (t) => {
  const s = setup(t);
  const db = s.open();
  const broken = { version: 1, name: 'broken', sqlite: 'CREATE TABLE a (x INTEGER); CREATE TABLE oops (', postgres: '' };
  await assert.rejects(migrate(db, [broken]));
  const tables = await db.withTransaction((exec) => exec.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'a'"));
  assert.deepEqual(tables, []);
});

test('each migration creates the same tables and indexes in its SQLite and PostgreSQL scripts', () => {
  const names = (script: string): string[] => [...script.matchAll(/CREATE (?:TABLE|INDEX) (\w+)/g)].map((m) => m[1] ?? '');
  for (const m of MIGRATIONS) assert.deepEqual(names(m.sqlite), names(m.postgres), `migration ${m.version}`);
});
