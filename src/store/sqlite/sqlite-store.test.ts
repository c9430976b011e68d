import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Store } from '../../domain/store-ports.ts';
import { storeConformance } from '../conformance.ts';
import { openStore } from '../open-store.ts';
import { SERVING_PAGE_CACHE_KIB, openSqliteDatabase } from './open-sqlite-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'bizotp-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
/** A fresh database file per case; the directory below it is created by openStore. */
function open(): Promise<Store> {
  opened += 1;
  return openStore(join(dir, `case-${opened}`, 'bizotp.sqlite'));
}

storeConformance('SQLite', open);

test('a SQLite connection runs in WAL mode with synchronous=FULL, foreign keys, a busy timeout and a serving process\'s 64 MiB page cache, never mmap', async (t) => {
  // security.md, Durability: a committed "OTP used" must survive a crash (WAL + NORMAL may lose it).
  const db = openSqliteDatabase(join(dir, 'pragmas', 'bizotp.sqlite'), undefined, SERVING_PAGE_CACHE_KIB);
  t.after(() => db.close());
  const pragmas = await db.withTransaction(async (exec) => ({
    journalMode: (await exec.all('PRAGMA journal_mode'))[0]?.['journal_mode'],
    synchronous: (await exec.all('PRAGMA synchronous'))[0]?.['synchronous'],
    foreignKeys: (await exec.all('PRAGMA foreign_keys'))[0]?.['foreign_keys'],
    busyTimeout: (await exec.all('PRAGMA busy_timeout'))[0]?.['timeout'],
    cacheSize: (await exec.all('PRAGMA cache_size'))[0]?.['cache_size'],
    mmapSize: (await exec.all('PRAGMA mmap_size'))[0]?.['mmap_size'],
  }));
  assert.deepEqual(pragmas, { journalMode: 'wal', synchronous: 2n, foreignKeys: 1n, busyTimeout: 5000n, cacheSize: -65536n, mmapSize: 0n });
});

test('a command\'s SQLite connection keeps SQLite\'s default 2 MiB page cache (an import streams through pages once)', async (t) => {
  const db = openSqliteDatabase(join(dir, 'pragmas-cli', 'bizotp.sqlite'));
  t.after(() => db.close());
  assert.equal(await db.withTransaction(async (exec) => (await exec.all('PRAGMA cache_size'))[0]?.['cache_size']), -2000n);
});

test('openStore creates the database file\'s directory and reports the sqlite dialect', async (t) => {
  const store = await openStore(join(dir, 'nested', 'deeper', 'bizotp.sqlite'));
  t.after(() => store.close());
  assert.equal(store.dialect, 'sqlite');
});

test('an in-memory store works for throwaway use', async (t) => {
  const store = await openStore(':memory:');
  t.after(() => store.close());
  assert.equal(await store.transaction((tx) => tx.tokens.count()), 0);
});
