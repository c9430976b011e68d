// One audit log on a fresh database of either engine, with what a test needs to play the attacker: raw SQL
// on the same database (as someone with write access, or DDL rights, would have) and the audit keys.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appendAudit } from '../../src/domain/audit.ts';
import { deriveAuditKeys, type AuditKeys } from '../../src/domain/audit-keys.ts';
import type { Store } from '../../src/domain/store-ports.ts';
import { migrate } from '../../src/store/migrations/migrate.ts';
import { openPostgresDatabase } from '../../src/store/postgres/open-postgres-database.ts';
import { createSqlStore } from '../../src/store/sql/create-sql-store.ts';
import type { SqlDatabase, SqlValue } from '../../src/store/sql/sql-executor.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/open-sqlite-database.ts';
import { freshPostgresDatabase, POSTGRES_URL } from '../support/postgres.ts';

export const CONTRACT = '10000000001';
export const OTHER = '10000000002';
export const T0_MS = Date.UTC(2026, 10, 30, 9, 0, 0);

export interface AuditWorld {
  readonly dialect: 'sqlite' | 'postgres';
  readonly store: Store;
  readonly keys: AuditKeys;
  /**
   * Appends `count` entries to `chain`, each in its own transaction, as the domain does; `unkeyed` as code
   * from before the audit key wrote them (a store opened without keys).
   */
  append(chain: string, count: number, options?: { unkeyed?: boolean }): Promise<void>;
  /** Raw SQL, below the domain. */
  sql(statement: string, params?: readonly SqlValue[]): Promise<number>;
  rows(statement: string, params?: readonly SqlValue[]): Promise<Array<Record<string, unknown>>>;
  /** What an attacker with DDL rights does first: takes the append-only trigger away. */
  dropAppendOnlyTrigger(): Promise<void>;
  close(): Promise<void>;
}

export type OpenAuditWorld = (options?: { masterKey?: Buffer }) => Promise<AuditWorld>;

function worldOn(db: SqlDatabase, keys: AuditKeys): AuditWorld {
  const store = createSqlStore(db, keys);
  const legacy = createSqlStore(db);
  let atMs = T0_MS;
  return {
    dialect: db.dialect,
    store,
    keys,
    async append(chain, count, options = {}) {
      for (let i = 0; i < count; i++) {
        atMs += 1000;
        await (options.unkeyed === true ? legacy : store).transaction((tx) => appendAudit(tx, atMs, { chain, actor: 'test', action: 'token.verify', target: `T${i}`, outcome: 'accepted', ip: '192.0.2.1' }));
      }
    },
    sql: (statement, params = []) => db.withTransaction((exec) => exec.run(statement, params)),
    rows: (statement, params = []) => db.withTransaction((exec) => exec.all(statement, params)),
    async dropAppendOnlyTrigger() {
      await db.withTransaction((exec) => exec.exec(db.dialect === 'sqlite'
        ? 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;'
        : 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;'));
    },
    close: () => store.close(),
  };
}

export const openSqliteWorld: OpenAuditWorld = async (options = {}) => {
  const db = openSqliteDatabase(':memory:');
  await migrate(db);
  return worldOn(db, deriveAuditKeys(options.masterKey ?? randomBytes(32)));
};

let database: Promise<string> | undefined;
let schemas = 0;

/** Each world is a schema of its own in one database of this file's. */
export const openPostgresWorld: OpenAuditWorld = async (options = {}) => {
  if (POSTGRES_URL === undefined) throw new Error('BIZOTP_TEST_POSTGRES_URL is not set');
  database ??= freshPostgresDatabase('audit_tamper');
  const url = new URL(await database);
  const schema = `audit_world_${++schemas}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = openPostgresDatabase(url.toString());
  await migrate(db);
  return worldOn(db, deriveAuditKeys(options.masterKey ?? randomBytes(32)));
};
