// Migration 4 on SQLite and PostgreSQL: a token whose failure count reached the limit while its status stayed
// issued or registered (written by older code) is locked by status; every other token is left as it was.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../../../test/support/postgres.ts';
import { aContract, aToken, CONTRACT_ID } from '../conformance/fixtures.ts';
import { openPostgresDatabase } from '../postgres/open-postgres-database.ts';
import { createSqlStore } from '../sql/create-sql-store.ts';
import type { SqlDatabase } from '../sql/sql-executor.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { MIGRATIONS } from './all-migrations.ts';
import { migrate } from './migrate.ts';

const BEFORE = MIGRATIONS.filter((m) => m.version < 4);
const UP_TO_4 = MIGRATIONS.filter((m) => m.version <= 4);

function lockByStatusCases(name: string, open: () => Promise<SqlDatabase>, onDone?: () => void): void {
  describe(`migration 4 on ${name}`, () => {
    test('moves issued and registered tokens with 5 or more failures to locked, and leaves every other token as it was', async (t) => {
      const db = await open();
      t.after(async () => {
        await db.close();
        onDone?.();
      });
      await migrate(db, BEFORE);
      const cases = [
        { serial: 'M0000001', status: 'registered', failures: 5, expected: 'locked' },
        { serial: 'M0000002', status: 'issued', failures: 7, expected: 'locked' },
        { serial: 'M0000003', status: 'registered', failures: 4, expected: 'registered' },
        { serial: 'M0000004', status: 'locked', failures: 5, expected: 'locked' },
        { serial: 'M0000005', status: 'revoked', failures: 5, expected: 'revoked' },
      ] as const;
      await db.withTransaction(async (exec) => {
        await exec.run('INSERT INTO contracts (id, name, admin_password_hash, confirm_pin_hash, created_at_ms) VALUES (?, ?, ?, ?, ?)', [
          CONTRACT_ID, aContract().name, aContract().adminPasswordHash, aContract().confirmPinHash, aContract().createdAtMs,
        ]);
      });
      const store = createSqlStore(db);
      await store.transaction(async (tx) => {
        await tx.tokens.insertBatch(cases.map((c) => aToken(c.serial, { contractId: CONTRACT_ID, status: c.status })));
      });
      await db.withTransaction(async (exec) => {
        for (const c of cases) await exec.run('UPDATE tokens SET consecutive_failures = ? WHERE serial = ?', [c.failures, c.serial]);
      });
      assert.deepEqual(await migrate(db, UP_TO_4), [4]);
      const after = await store.transaction(async (tx) => {
        const found = [];
        for (const c of cases) found.push(await tx.tokens.get(c.serial));
        return found;
      });
      assert.deepEqual(after.map((tk) => [tk?.serial, tk?.status, tk?.consecutiveFailures]), cases.map((c) => [c.serial, c.expected, c.failures]));
    });
  });
}

lockByStatusCases('SQLite', () => Promise.resolve(openSqliteDatabase(':memory:')));

if (POSTGRES_URL !== undefined) {
  lockByStatusCases('PostgreSQL', async () => openPostgresDatabase(await freshPostgresDatabase(`migration4_${process.pid}`)), markPostgresSuiteRan);
} else {
  test('migration 4 on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
