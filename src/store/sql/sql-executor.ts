import type { VerifyWriterPort } from '../sqlite/sqlite-hot-verify.ts';

// The tiny driver interface the shared repositories are written against. Both drivers take `?` placeholders
// (the PostgreSQL driver numbers them), so every statement in src/store/sql is written once.

/** What a parameter may be; booleans travel as 0/1 because node:sqlite has no boolean type. */
export type SqlValue = string | number | bigint | Uint8Array | null;

/** A row as a driver returns it: pg gives int8 as string and bytea as Buffer, node:sqlite bigint/Uint8Array. */
export type SqlRow = Readonly<Record<string, unknown>>;

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** Runs one statement and returns its rows (SELECT, or any statement with RETURNING). */
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations only). */
  exec(script: string): Promise<void>;
}

/** One open database: a connection (SQLite) or a pool (PostgreSQL). */
export interface SqlDatabase {
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` inside one transaction on one connection: commits when it resolves, rolls back when it throws.
   * The executor refuses use after the transaction ended, so a leaked reference cannot write outside it.
   */
  withTransaction<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * A short transaction that may share its COMMIT with others (group commit), settled only once durable;
   * `fn` may run again after a deadlock cancelled it (its work rolled back). Absent: withTransaction.
   */
  withGroupedTransaction?<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T>;
  /** Each statement a transaction of its own, on any connection (PostgreSQL's pool); absent on SQLite. */
  readonly autocommit?: SqlExecutor;
  /** SQLite: reads for the verify API and commits its batches on a thread of its own (sqlite/verify-writer.ts); absent elsewhere. */
  readonly verifyWriter?: VerifyWriterPort;
  /**
   * Runs `fn`'s SELECTs outside any write transaction, each seeing what was committed when it ran (READ
   * COMMITTED, as withTransaction's statements on PostgreSQL): no BEGIN, no COMMIT, no waiting behind a
   * group's disk sync. Anything but a SELECT is refused. Absent: withTransaction.
   */
  withRead?<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
