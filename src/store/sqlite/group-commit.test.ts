import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { createGroupCommitter, MAX_GROUP } from './group-commit.ts';

function freshDb(): DatabaseSync {
  const db = new DatabaseSync(join(mkdtempSync(join(tmpdir(), 'bizotp-group-')), 'g.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (n INTEGER PRIMARY KEY)');
  return db;
}

test('a transaction that throws is undone alone; the others of its group commit', async () => {
  const db = freshDb();
  const group = createGroupCommitter(db);
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, n) =>
      group.run(async () => {
        db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
        await Promise.resolve();
        if (n === 4) throw new Error('refused');
        return n;
      }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  const rows = db.prepare('SELECT n FROM t ORDER BY n').all().map((r) => Number(r.n));
  assert.deepEqual(rows, [0, 1, 2, 3, 5, 6, 7, 8, 9]);
});

test('every caller is settled only after its group is committed', async () => {
  const db = freshDb();
  const group = createGroupCommitter(db);
  const seenOpen: boolean[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      group.run(async () => db.prepare('INSERT INTO t (n) VALUES (?)').run(n)).then(() => seenOpen.push(db.isTransaction)),
    ),
  );
  assert.equal(seenOpen.length, 20);
  // A caller may observe the NEXT group's transaction open, never its own: its row is readable by a second
  // connection, which sees committed data only.
  const other = new DatabaseSync(db.location() ?? '');
  assert.equal(Number(other.prepare('SELECT count(*) AS c FROM t').get()?.c), 20);
});

test('transactions that arrive together share commits, bounded by the group size', async () => {
  const db = freshDb();
  let commits = 0;
  const counting = {
    exec(sql: string): void {
      if (sql === 'COMMIT') commits++;
      db.exec(sql);
    },
    get isTransaction(): boolean {
      return db.isTransaction;
    },
  };
  const group = createGroupCommitter(counting);
  const n = MAX_GROUP * 2 + 5;
  await Promise.all(Array.from({ length: n }, (_, i) => group.run(async () => db.prepare('INSERT INTO t (n) VALUES (?)').run(i))));
  assert.equal(Number(db.prepare('SELECT count(*) AS c FROM t').get()?.c), n);
  assert.equal(commits, Math.ceil(n / MAX_GROUP));
});

test('a transaction arriving while the line is empty runs at once in a group of its own', async () => {
  const db = freshDb();
  const group = createGroupCommitter(db);
  assert.equal(await group.run(async () => db.prepare('INSERT INTO t (n) VALUES (1)').run().changes), 1);
  assert.equal(db.isTransaction, false);
});
