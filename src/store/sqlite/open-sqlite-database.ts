// The SQLite driver: node:sqlite's DatabaseSync (built into Node 24, no native addon), one connection per
// store, transactions one at a time, committed in groups (group-commit.ts).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue } from 'node:sqlite';
import { scopeExecutor } from '../sql/scoped-executor.ts';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from '../sql/sql-executor.ts';
import { createStatementCache } from './statement-cache.ts';
import type { StatementCache } from './statement-cache.ts';
import { createGroupCommitter } from './group-commit.ts';
import { readOnlyExecutor } from '../sql/read-only-executor.ts';
import type { StoreObserver } from '../store-observer.ts';
import { createVerifyWriter } from './verify-writer.ts';

/** How long a transaction waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The page cache a serving process gives its connection, in KiB (negative cache_size: a size, not a page
 * count). Only `serve` asks for it (compose.ts): a command such as a million-token import streams through
 * pages once, and keeps SQLite's default 2 MiB so its memory stays flat.
 */
export const SERVING_PAGE_CACHE_KIB = 64 * 1024;

// node:sqlite binds every JavaScript number as REAL; integers go as bigint so they stay INTEGER (LIMIT
// and integer comparisons need that).
function bindable(params: readonly SqlValue[]): SQLInputValue[] {
  return params.map((value) => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value));
}

function createExecutor(db: DatabaseSync, statements: StatementCache): SqlExecutor {
  return {
    dialect: 'sqlite',
    async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return statements.prepare(sql).all(...bindable(params)) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return Number(statements.prepare(sql).run(...bindable(params)).changes);
    },
    async exec(script: string): Promise<void> {
      db.exec(script);
    },
  };
}

function configure(db: DatabaseSync, pageCacheKiB: number | undefined): void {
  // Another process (a second server instance) may hold a lock; wait for it rather than fail. First of all:
  // switching to WAL below needs a lock too, and without the timeout it fails at once when another
  // process is busy with the file ("database is locked", seen under load in two-connections.test.ts).
  // The wait is synchronous: it blocks this process's event loop, bounded by the timeout.
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // security.md, Durability: a committed "OTP used" must survive a crash, or the OTP becomes replayable.
  // WAL with synchronous=NORMAL may lose the last commits on power loss; FULL syncs the WAL at every commit.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  // SQLite's default page cache is 2 MiB: with tens of thousands of tokens a verification's pages (the token's,
  // its registration's, the audit indexes') are mostly outside it and each costs a read() from the OS (about
  // 5.6 reads per verification over 30,000 tokens, against 0.7 with this cache). Pages are taken as they
  // are read, so a small database never holds more than its size. Not mmap: an I/O error on a mapped page is
  // a SIGBUS that kills the process instead of an error SQLite reports.
  if (pageCacheKiB !== undefined) db.exec(`PRAGMA cache_size = -${Math.floor(pageCacheKiB)}`);
}

/**
 * The second connection reads run on. Under WAL a reader sees only committed transactions and never waits
 * for the writer, so a read is not held up by (and cannot see) a group that has not reached its COMMIT.
 */
function openReader(path: string): DatabaseSync {
  const reader = new DatabaseSync(path, { readOnly: true });
  reader.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return reader;
}

/**
 * A read-only connection of its own (the verify reader thread's, verify-writer.ts): reads that see only what
 * was committed, with a serving page cache when asked for.
 */
export function openSqliteReader(path: string, pageCacheKiB?: number): { readonly executor: SqlExecutor; close(): void } {
  const reader = openReader(path);
  if (pageCacheKiB !== undefined) reader.exec(`PRAGMA cache_size = -${Math.floor(pageCacheKiB)}`);
  return { executor: readOnlyExecutor(createExecutor(reader, createStatementCache(reader))), close: () => reader.close() };
}

/**
 * Opens (creating if needed) the SQLite database at `path`, or an in-memory one for ':memory:'. With
 * `verifyWriter` (serving processes), a file database reads for the verify API and commits its batches on a
 * thread of its own (verify-writer.ts).
 */
export function openSqliteDatabase(path: string, observer?: StoreObserver, pageCacheKiB?: number, verifyWriter = false): SqlDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  configure(db, pageCacheKiB);
  const inner = createExecutor(db, createStatementCache(db));
  const queue = createGroupCommitter(db, observer?.groupCommitted?.bind(observer));
  // An in-memory database is private to its connection: there, reads go through the queue like the rest.
  const reader = path === ':memory:' ? undefined : openReader(path);
  const readExec = reader === undefined ? undefined : readOnlyExecutor(createExecutor(reader, createStatementCache(reader)));
  const reads = new Set<Promise<unknown>>();
  const writer = verifyWriter && reader !== undefined ? createVerifyWriter(path, pageCacheKiB) : undefined;
  if (writer !== undefined) observer?.watchThreads?.(() => writer.threadCpu());
  let closed = false;

  function withTransaction<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('the SQLite store is closed'));
    return queue.run(async () => {
      const scoped = scopeExecutor(inner);
      try {
        return await fn(scoped.executor);
      } finally {
        scoped.end();
      }
    });
  }

  return {
    dialect: 'sqlite',
    ...(writer === undefined ? {} : { verifyWriter: writer }),
    withTransaction,
    withRead<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('the SQLite store is closed'));
      if (readExec === undefined) return withTransaction(fn);
      const scoped = scopeExecutor(readExec);
      const read = (async (): Promise<T> => fn(scoped.executor))().finally(() => {
        scoped.end();
        reads.delete(read);
      });
      reads.add(read);
      return read;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue.drained(); // let queued transactions finish before the connection goes
      await Promise.allSettled([...reads]);
      await writer?.close(); // after the batches already sent
      reader?.close();
      db.close();
    },
  };
}
