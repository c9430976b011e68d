// Migration 9 on SQLite and PostgreSQL: a log written before it (unkeyed SHA-256 entries) still verifies
// after it, reported as unkeyed before the first keyed entry; new entries are keyed; the log is append-only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../../../test/support/postgres.ts';
import { appendAudit, hashAuditEntry } from '../../domain/audit.ts';
import { deriveAuditKeys } from '../../domain/audit-keys.ts';
import type { AuditEntry } from '../../domain/store-ports.ts';
import { verifyAuditLog } from '../../domain/verify-audit-log.ts';
import { openPostgresDatabase } from '../postgres/open-postgres-database.ts';
import { createSqlStore } from '../sql/create-sql-store.ts';
import type { SqlDatabase } from '../sql/sql-executor.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { MIGRATIONS } from './all-migrations.ts';
import { migrate } from './migrate.ts';

const CHAIN = '10000000001';

/** Entries as the code before migration 9 wrote them: plain SHA-256, no key id column. */
async function writeLegacyChain(db: SqlDatabase, count: number): Promise<void> {
  let prevHash = '';
  await db.withTransaction(async (exec) => {
    for (let seq = 1; seq <= count; seq++) {
      const body: Omit<AuditEntry, 'hash'> = { chain: CHAIN, seq, atMs: 1_700_000_000_000 + seq, actor: 'admin', action: 'login', target: '', outcome: 'ok', detail: '{}', ip: '192.0.2.1', prevHash };
      const hash = hashAuditEntry(body);
      await exec.run(
        'INSERT INTO audit_log (chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [body.chain, seq, body.atMs, body.actor, body.action, body.target, body.outcome, body.detail, body.ip, prevHash, hash],
      );
      prevHash = hash;
    }
    await exec.run('INSERT INTO audit_heads (chain, seq, hash) VALUES (?, ?, ?)', [CHAIN, count, prevHash]);
  });
}

function auditMigrationCases(name: string, open: () => Promise<SqlDatabase>, onDone?: () => void): void {
  describe(`migration 9 on ${name}`, () => {
    test('a log written before it verifies after it, its entries reported as unkeyed before the first keyed one, and no entry can be updated or deleted', async (t) => {
      const db = await open();
      t.after(async () => {
        await db.close();
        onDone?.();
      });
      await migrate(db, MIGRATIONS.filter((m) => m.version < 9));
      await writeLegacyChain(db, 3);
      assert.ok((await migrate(db)).includes(9));
      const keys = deriveAuditKeys(randomBytes(32));
      const store = createSqlStore(db, keys);
      const entry = await store.transaction((tx) => appendAudit(tx, 1_700_000_100_000, { chain: CHAIN, actor: 'admin', action: 'logout', outcome: 'ok' }));
      assert.deepEqual([entry.seq, entry.keyId], [4, keys.currentKeyId]);
      const report = await verifyAuditLog(store, keys);
      assert.deepEqual([report.problems, report.chains.map((c) => [c.chain, c.unkeyedBefore])], [[], [[CHAIN, 4]]]);
      await assert.rejects(db.withTransaction((exec) => exec.run("UPDATE audit_log SET outcome = 'x' WHERE seq = 1")), /append-only/);
      await assert.rejects(db.withTransaction((exec) => exec.run('DELETE FROM audit_log')), /append-only/);
    });
  });
}

auditMigrationCases('SQLite', () => Promise.resolve(openSqliteDatabase(':memory:')));

if (POSTGRES_URL !== undefined) {
  auditMigrationCases('PostgreSQL', async () => openPostgresDatabase(await freshPostgresDatabase(`migration9_${process.pid}`)), markPostgresSuiteRan);
} else {
  test('migration 9 on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
