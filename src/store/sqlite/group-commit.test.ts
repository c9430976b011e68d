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

test('when SQLite rolls back the whole transaction, the tasks before are told so and the ones after run in a new group', async () => {
  const db = freshDb();
  const group = createGroupCommitter(db);
  const insert = (n: number) => (): Promise<number> => Promise.resolve(Number(db.prepare('INSERT INTO t (n) VALUES (?)').run(n).changes));
  const results = await Promise.allSettled([
    group.run(insert(1)),
    group.run(async () => {
      db.prepare('INSERT INTO t (n) VALUES (2)').run();
      db.exec('ROLLBACK'); // what SQLite itself does on a full disk or an I/O error
      throw new Error('disk full');
    }),
    group.run(insert(3)),
    group.run(insert(4)),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'fulfilled', 'fulfilled']);
  assert.deepEqual(db.prepare('SELECT n FROM t ORDER BY n').all().map((r) => Number(r.n)), [3, 4]);
});

test('a failing ROLLBACK TO rejects its group and the committer goes on serving later transactions', async () => {
  const db = freshDb();
  let failRollbackTo = true;
  const flaky = {
    exec(sql: string): void {
      if (sql.startsWith('ROLLBACK TO') && failRollbackTo) {
        failRollbackTo = false;
        throw new Error('rollback to failed');
      }
      db.exec(sql);
    },
    get isTransaction(): boolean {
      return db.isTransaction;
    },
  };
  const group = createGroupCommitter(flaky);
  const first = await Promise.allSettled([
    group.run(async () => db.prepare('INSERT INTO t (n) VALUES (1)').run()),
    group.run(async () => {
      throw new Error('refused');
    }),
  ]);
  assert.deepEqual(first.map((r) => r.status), ['rejected', 'rejected']);
  await group.run(async () => db.prepare('INSERT INTO t (n) VALUES (5)').run());
  assert.deepEqual(db.prepare('SELECT n FROM t ORDER BY n').all().map((r) => Number(r.n)), [5]);
});
