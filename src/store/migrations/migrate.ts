// Applies pending migrations in one transaction. Safe to run at every start, and from two processes at
// once: PostgreSQL serialises them with an advisory lock, SQLite with BEGIN IMMEDIATE's write lock; the
// second process then finds nothing pending.
import { int } from '../sql/row.ts';
import type { SqlDatabase, SqlDialect, SqlExecutor } from '../sql/sql-executor.ts';
import { MIGRATIONS } from './all-migrations.ts';
import type { Migration } from './migration.ts';

/** An arbitrary fixed key ("bizo" in ASCII) naming the migration lock among the database's advisory locks. */
const MIGRATION_LOCK_KEY = 0x62697a6f;

const BOOKKEEPING: Record<SqlDialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
  ) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
};

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || m.version < 1 || (previous !== undefined && m.version <= previous.version)) {
      throw new TypeError(`migration versions must be positive integers in increasing order (at ${m.version})`);
    }
  });
}

async function appliedVersions(exec: SqlExecutor): Promise<Set<number>> {
  const rows = await exec.all('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => int(row, 'version')));
}

/** Applies the migrations the database has not seen; returns their versions (empty when up to date). */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  assertOrdered(migrations);
  return db.withTransaction(async (exec) => {
    if (db.dialect === 'postgres') {
      // The pool's per-connection timeouts are for the hot path: a schema change may take long, and a second
      // instance must wait for the first one's migration rather than fail (both only for this transaction).
      await exec.exec('SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0');
      await exec.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    }
    await exec.exec(BOOKKEEPING[db.dialect]);
    const applied = await appliedVersions(exec);
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      // A newer release migrated this database; running old code on it could corrupt it.
      throw new Error(`the database has migrations this code does not know: ${unknown.join(', ')}`);
    }
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await exec.exec(m[db.dialect]);
      await exec.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
    }
    return pending.map((m) => m.version);
  });
}

export interface SchemaState {
  /** Versions this code has that the database has not applied. */
  readonly pending: readonly number[];
}

/** Reads which migrations are pending, without changing anything; a newer database throws as in migrate(). */
export async function schemaState(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<SchemaState> {
  return db.withTransaction(async (exec) => {
    const exists =
      db.dialect === 'postgres'
        ? (await exec.all("SELECT to_regclass('schema_migrations') IS NOT NULL AS present"))[0]?.present === true
        : (await exec.all("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")).length > 0;
    const applied = exists ? await appliedVersions(exec) : new Set<number>();
    const unknown = [...applied].filter((version) => !migrations.some((m) => m.version === version));
    if (unknown.length > 0) throw new Error(`the database has migrations this code does not know: ${unknown.join(', ')}`);
    return { pending: migrations.filter((m) => !applied.has(m.version)).map((m) => m.version) };
  });
}
