// The one way the rest of the system gets a Store: a PostgreSQL URL or a SQLite path, migrated on open or
// checked to be current (serve never changes the schema: `bizotp migrate` does, once, before new code starts).
import type { AuditKeys } from '../domain/audit-keys.ts';
import type { Store } from '../domain/store-ports.ts';
import { migrate, schemaState } from './migrations/migrate.ts';
import { openPostgresDatabase } from './postgres/open-postgres-database.ts';
import type { PostgresOptions } from './postgres/open-postgres-database.ts';
import { createSqlStore } from './sql/create-sql-store.ts';
import type { SqlDatabase } from './sql/sql-executor.ts';
import { openSqliteDatabase } from './sqlite/open-sqlite-database.ts';

/** 'migrate': apply pending migrations; 'require-current': refuse a database with pending ones. */
export type SchemaPolicy = 'migrate' | 'require-current';

export interface OpenStoreOptions extends PostgresOptions {
  /** Default 'migrate' (tests, fixtures, scripts); the composition root chooses per command. */
  readonly schema?: SchemaPolicy;
  /** The audit keys (audit-keys.ts) that seal new audit entries; without them entries are unkeyed. */
  readonly auditKeys?: AuditKeys;
  /** SQLite: the connection's page cache in KiB (serving processes: SERVING_PAGE_CACHE_KIB); default SQLite's 2 MiB. */
  readonly sqlitePageCacheKiB?: number;
  /** SQLite: the verify API's accepted codes are committed on a thread of their own (serving processes). */
  readonly sqliteVerifyWriter?: boolean;
}

/** The database lacks migrations this code needs: run `bizotp migrate` first. */
export class SchemaBehindError extends Error {
  readonly pending: readonly number[];
  constructor(pending: readonly number[]) {
    super(`the database schema is behind this code: migrations ${pending.join(', ')} are pending (run bizotp migrate)`);
    this.pending = pending;
  }
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/**
 * Opens the store at `url`: `postgres://…` or `postgresql://…` is PostgreSQL, anything else a SQLite file
 * path (its directory is created) or ':memory:'. With 'migrate', pending migrations are applied before it is
 * returned; with 'require-current', pending ones throw SchemaBehindError.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const db: SqlDatabase = isPostgresUrl(url) ? openPostgresDatabase(url, options) : openSqliteDatabase(url, options.observer, options.sqlitePageCacheKiB, options.sqliteVerifyWriter);
  try {
    if ((options.schema ?? 'migrate') === 'migrate') await migrate(db);
    else {
      const state = await schemaState(db);
      if (state.pending.length > 0) throw new SchemaBehindError(state.pending);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db, options.auditKeys);
}
