// The one way the rest of the system gets a Store: a PostgreSQL URL or a SQLite path, migrated on open.
import type { AuditKeys } from '../domain/audit-keys.ts';
import type { Store } from '../domain/store-ports.ts';
import { migrate } from './migrations/migrate.ts';
import { openPostgresDatabase } from './postgres/open-postgres-database.ts';
import type { PostgresOptions } from './postgres/open-postgres-database.ts';
import { createSqlStore } from './sql/create-sql-store.ts';
import type { SqlDatabase } from './sql/sql-executor.ts';
import { openSqliteDatabase } from './sqlite/open-sqlite-database.ts';

export interface OpenStoreOptions extends PostgresOptions {
  /** The audit keys (audit-keys.ts) that seal new audit entries; without them entries are unkeyed. */
  readonly auditKeys?: AuditKeys;
}

function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/**
 * Opens the store at `url`: `postgres://…` or `postgresql://…` is PostgreSQL, anything else a SQLite file
 * path (its directory is created) or ':memory:'. Pending migrations are applied before it is returned.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const db: SqlDatabase = isPostgresUrl(url) ? openPostgresDatabase(url, options) : openSqliteDatabase(url);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db, options.auditKeys);
}
