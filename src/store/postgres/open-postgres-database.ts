// The PostgreSQL driver: a pg.Pool; each transaction checks out one client, so parallel requests really
// run in parallel and the row locks taken by conditional UPDATEs do the serialising.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { scopeExecutor } from '../sql/scoped-executor.ts';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from '../sql/sql-executor.ts';
import { numberPlaceholders } from './number-placeholders.ts';
import type { StoreObserver } from '../store-observer.ts';
import { createPgGroupCommitter } from './pg-group-commit.ts';
import { readOnlyExecutor } from '../sql/read-only-executor.ts';
import { queryOn } from './pg-query.ts';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Per connection (0 = off): a statement running longer is cancelled (SQLSTATE 57014). Default 5000. */
  readonly statementTimeoutMs?: number;
  /** Per connection: waiting longer for a row or table lock fails the statement (55P03). Default 3000. */
  readonly lockTimeoutMs?: number;
  /** Per connection: a transaction left idle longer is ended by the server, freeing its locks. Default 10000. */
  readonly idleInTransactionTimeoutMs?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool has already dropped the client. */
  readonly onIdleClientError?: (error: Error) => void;
  /** Metrics: is handed a reader of the pool's usage (total, idle, waiting). */
  readonly observer?: StoreObserver;
  /** Grouped transactions (the verify API) share one COMMIT (pg-group-commit.ts); off: each commits alone. */
  readonly groupCommit?: boolean;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
const DEFAULT_LOCK_TIMEOUT_MS = 3000;
const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10000;

// Every statement is a named prepared statement: PostgreSQL parses and plans it once per connection instead
// of at every call, which is most of its CPU on the hot path (a verification runs about ten statements).
// The repositories' SQL is a fixed set of strings, so the names are a fixed set too.
const statements = new Map<string, { readonly name: string; readonly text: string }>();
function prepared(sql: string, params: readonly SqlValue[]): pg.QueryConfig {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = { name: `bz_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`, text: numberPlaceholders(sql) };
    statements.set(sql, statement);
  }
  return { name: statement.name, text: statement.text, values: params as SqlValue[] };
}

/**
 * One client runs one query at a time: a second one started before the first answered is queued by pg 8
 * (with a deprecation warning) and refused by pg 9, and inside a transaction its order is the caller's
 * guess. Domain code awaits each statement in turn; this guard makes a regression fail every PostgreSQL test.
 */
function createExecutor(client: pg.PoolClient): SqlExecutor {
  let inFlight = false;
  const one = async <R>(run: () => Promise<R>): Promise<R> => {
    if (inFlight) throw new Error('a second query started on a PostgreSQL client while one was in flight: await each statement in turn');
    inFlight = true;
    try {
      return await run();
    } finally {
      inFlight = false;
    }
  };
  return {
    dialect: 'postgres',
    // pg returns int8 as string and bytea as Buffer: src/store/sql/row.ts maps both.
    async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const result = await one(() => queryOn(client, prepared(sql, params)));
      return result.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const result = await one(() => queryOn(client, prepared(sql, params)));
      return result.rowCount ?? 0;
    },
    async exec(script: string): Promise<void> {
      await one(() => queryOn(client, script)); // no parameters: the simple protocol, which runs several statements
    },
  };
}

async function commit(client: pg.PoolClient): Promise<void> {
  // After a failed statement PostgreSQL aborts the transaction and answers COMMIT with ROLLBACK, without an
  // error. Treating that as success would report work as done that was thrown away.
  const result = await queryOn(client, 'COMMIT');
  if (result.command !== 'COMMIT') throw new Error('the transaction was aborted by an earlier error and rolled back');
}

export function openPostgresDatabase(url: string, options: PostgresOptions = {}): SqlDatabase {
  // synchronous_commit stays at the server's default (on): security.md, Durability.
  // The timeouts travel in each connection's startup packet, so they hold for every session of the pool.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    lock_timeout: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  // Without a listener an idle connection's error would crash the process; the next checkout reconnects.
  pool.on('error', options.onIdleClientError ?? ((): void => {}));
  options.observer?.watchPool?.(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  let closed = false;
  const groups = options.groupCommit === true
    ? createPgGroupCommitter(() => pool.connect(), (client, broken) => client.release(broken), (size) => options.observer?.groupCommitted?.(size))
    : undefined;

  // One statement per call on whichever connection is free, committed on its own (the verify API's fast path).
  const autocommit: SqlExecutor = {
    dialect: 'postgres',
    async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return (await pool.query(prepared(sql, params))).rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return (await pool.query(prepared(sql, params))).rowCount ?? 0;
    },
    async exec(script: string): Promise<void> {
      await pool.query(script);
    },
  };

  return {
    dialect: 'postgres',
    autocommit,
    ...(groups === undefined ? {} : {
      withGroupedTransaction<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
        return groups.run(async (client) => {
          const scoped = scopeExecutor(createExecutor(client));
          try {
            return await fn(scoped.executor);
          } finally {
            scoped.end();
          }
        });
      },
    }),
    async withTransaction<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const scoped = scopeExecutor(createExecutor(client));
      let broken: Error | undefined;
      try {
        // READ COMMITTED: a conditional UPDATE that waited for a row lock re-reads the committed row and
        // re-checks its WHERE clause, which is exactly the behaviour consume and beginAttempt rely on.
        // Serialization failures and deadlocks propagate: they are never retried silently here.
        await queryOn(client, 'BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await fn(scoped.executor);
        await commit(client);
        return result;
      } catch (error) {
        try {
          await queryOn(client, 'ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        scoped.end();
        client.release(broken); // a client that could not roll back is destroyed, not reused
      }
    },
    // No BEGIN and no COMMIT: two round trips fewer, and each SELECT still sees what was committed when it
    // started, which is all READ COMMITTED gave the same statements inside a transaction.
    async withRead<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const scoped = scopeExecutor(readOnlyExecutor(createExecutor(client)));
      let failed: Error | undefined;
      try {
        return await fn(scoped.executor);
      } catch (error) {
        // As pg's own Pool#query does: a client whose query failed is destroyed, not reused, in case the
        // failure was its connection's.
        failed = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        scoped.end();
        client.release(failed);
      }
    },
    async close(): Promise<void> {
      if (closed) return; // pg.Pool#end throws when called twice
      closed = true;
      await pool.end(); // waits for checked-out clients to be released
    },
  };
}
