// Cases that only PostgreSQL can show: several server instances (pools) on one database, concurrent
// migration, the server's durability setting, and that the parallel harness really overlaps transactions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aToken, CONTRACT_ID } from '../conformance/fixtures.ts';
import { MIGRATIONS } from '../migrations/all-migrations.ts';
import { migrate, schemaState } from '../migrations/migrate.ts';
import { openStore, SchemaBehindError } from '../open-store.ts';
import { int } from '../sql/row.ts';
import { openPostgresDatabase } from './open-postgres-database.ts';

export function postgresOnlyCases(freshSchema: () => Promise<string>): void {
  test('two server instances on one database accept a code exactly once across 50 parallel submissions', async (t) => {
    const url = await freshSchema();
    const [a, b] = [await openStore(url), await openStore(url)];
    t.after(async () => Promise.all([a.close(), b.close()]));
    await a.transaction(async (tx) => {
      await tx.contracts.insert({ id: CONTRACT_ID, name: 'n', adminPasswordHash: 'h', confirmPinHash: 'p', createdAtMs: 0 });
      await tx.tokens.insertBatch([aToken('TWO00001', { contractId: CONTRACT_ID, status: 'registered' })]);
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).transaction(async (tx) => {
      const token = await tx.tokens.beginAttempt('TWO00001', ['registered'], 1000);
      return token !== undefined && (await tx.tokens.consume('TWO00001', 5n, 0));
    })));
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('two processes migrating one database at once apply each migration once', async (t) => {
    const url = await freshSchema();
    const [a, b] = [openPostgresDatabase(url), openPostgresDatabase(url)];
    t.after(async () => Promise.all([a.close(), b.close()]));
    const applied = await Promise.all([migrate(a), migrate(b)]);
    assert.deepEqual(applied.map((versions) => versions.length).sort(), [0, MIGRATIONS.length]);
    assert.deepEqual(await migrate(a), [], 'a third run finds nothing pending');
  });

  test('two instances migrating at once wait for each other even with a 1 ms lock timeout on their pools', async (t) => {
    const url = await freshSchema();
    const [a, b] = [openPostgresDatabase(url, { lockTimeoutMs: 1 }), openPostgresDatabase(url, { lockTimeoutMs: 1 })];
    t.after(async () => Promise.all([a.close(), b.close()]));
    const applied = await Promise.all([migrate(a), migrate(b)]);
    assert.deepEqual(applied.map((versions) => versions.length).sort(), [0, MIGRATIONS.length]);
  });

  test('a statement running longer than BIZOTP_PG_STATEMENT_TIMEOUT_MS is cancelled by the server', async (t) => {
    const db = openPostgresDatabase(await freshSchema(), { statementTimeoutMs: 100 });
    t.after(() => db.close());
    await assert.rejects(
      db.withTransaction((exec) => exec.all('SELECT pg_sleep(2)')),
      (e: unknown) => (e as { code?: string }).code === '57014',
    );
    const settings = await db.withTransaction((exec) => exec.all("SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i"));
    assert.deepEqual(settings[0], { s: '100ms', l: '3s', i: '10s' }, 'every pooled connection carries the timeouts');
  });

  test('a second query started on one transaction while the first is in flight is refused, not queued', async (t) => {
    const db = openPostgresDatabase(await freshSchema());
    t.after(() => db.close());
    await assert.rejects(
      db.withTransaction((exec) => Promise.all([exec.all('SELECT 1 AS one'), exec.all('SELECT 2 AS two')])),
      /second query started on a PostgreSQL client while one was in flight/,
    );
    assert.deepEqual(await db.withTransaction(async (exec) => [await exec.all('SELECT 1 AS one'), await exec.all('SELECT 2 AS two')]), [[{ one: 1 }], [{ two: 2 }]]);
  });

  test('a fresh database is reported behind, and openStore with require-current refuses it', async () => {
    const url = await freshSchema();
    const db = openPostgresDatabase(url);
    assert.deepEqual((await schemaState(db)).pending, MIGRATIONS.map((m) => m.version));
    await db.close();
    await assert.rejects(openStore(url, { schema: 'require-current' }), SchemaBehindError);
    const store = await openStore(url);
    assert.deepEqual(await store.pendingMigrations?.(), []);
    await store.close();
  });

  test('the server commits synchronously (security.md, Durability)', async (t) => {
    const db = openPostgresDatabase(await freshSchema());
    t.after(() => db.close());
    const rows = await db.withTransaction((exec) => exec.all('SHOW synchronous_commit'));
    assert.equal(rows[0]?.['synchronous_commit'], 'on');
  });

  test('a transaction that swallowed a failed statement is reported as failed, not committed', async (t) => {
    const store = await openStore(await freshSchema());
    t.after(() => store.close());
    const contract = { id: CONTRACT_ID, name: 'n', adminPasswordHash: 'h', confirmPinHash: 'p', createdAtMs: 0 };
    await store.transaction((tx) => tx.contracts.insert(contract));
    await assert.rejects(store.transaction(async (tx) => {
      await tx.tokens.insertBatch([aToken('ABORT001')]);
      await tx.contracts.insert(contract).catch(() => undefined); // PostgreSQL aborts the transaction here
    }));
    assert.equal(await store.transaction((tx) => tx.tokens.get('ABORT001')), undefined);
  });

  test('parallel transactions overlap, so a check-then-set consume would accept one code twice', async (t) => {
    // Proves the concurrency cases can fail: this deliberately wrong consume reads, waits until a second
    // transaction has read too, then writes unconditionally. Both "win". The real consume cannot.
    const db = openPostgresDatabase(await freshSchema());
    t.after(() => db.close());
    await migrate(db);
    await db.withTransaction((exec) => exec.run(
      "INSERT INTO tokens (serial, kind, model, otp_type, algorithm, digits, step_seconds, sealed_key_id, sealed_blob, status, demo) VALUES ('RACE0001', 'hardware', 'hw1', 'totp', 'SHA1', 6, 30, 'k', ?, 'registered', ?)",
      [new Uint8Array(48), 0],
    ));
    let readers = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => { release = resolve; });
    const checkThenSet = (): Promise<boolean> => db.withTransaction(async (exec) => {
      const [row] = await exec.all('SELECT last_counter FROM tokens WHERE serial = ?', ['RACE0001']);
      if (row === undefined || row['last_counter'] !== null) return false;
      if (++readers === 2) release();
      await Promise.race([bothRead, new Promise((_, reject) => setTimeout(reject, 5000, new Error('transactions did not overlap')).unref())]);
      return (await exec.run('UPDATE tokens SET last_counter = ? WHERE serial = ?', [9n, 'RACE0001'])) === 1;
    });
    const results = await Promise.all([checkThenSet(), checkThenSet()]);
    assert.deepEqual(results, [true, true]);
    const [row] = await db.withTransaction((exec) => exec.all('SELECT COUNT(*) AS n FROM tokens'));
    assert.equal(row === undefined ? 0 : int(row, 'n'), 1);
  });
}
