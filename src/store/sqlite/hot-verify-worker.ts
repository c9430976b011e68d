// The SQLite verify writer's threads (verify-writer.ts), each with its own connection to the file.
// - 'writer': each batch of accepted codes is committed by commitHotBatch — the statements and the COMMIT's
//   disk sync (synchronous=FULL) run here, off the event loop that serves HTTP.
// - 'reader': the verify API's reads, on a read-only connection. Under WAL it sees only committed
//   transactions and never waits for the writer's COMMIT, so a read is answered while a batch syncs (on the
//   writer's own connection a read had to join its next group and wait for that group's COMMIT). What a
//   read finds may be overtaken by a batch committing meanwhile; the batch commit re-checks all of it, as
//   PostgreSQL's does after its autocommit read. SQLite drops this connection's page cache whenever the
//   writer commits, so a read finds its pages afresh (~90 µs measured when this ran on the serving thread):
//   here that costs a core the serving thread does not use.
import { parentPort, workerData } from 'node:worker_threads';
import { createSqlStore } from '../sql/create-sql-store.ts';
import { commitHotBatch } from '../sql/hot-verify-commit.ts';
import type { SqlExecutor } from '../sql/sql-executor.ts';
import { openSqliteDatabase, openSqliteReader } from './open-sqlite-database.ts';
import { SQLITE_VERIFY_READ } from './sqlite-hot-verify.ts';
import type { WriterReply, WriterRequest } from './verify-writer.ts';

export type VerifyThreadRole = 'writer' | 'reader';

/** What one thread does with the requests it is sent, and how it closes its connection. */
interface ThreadWork {
  answer(request: Exclude<WriterRequest, { kind: 'close' }>): Promise<WriterReply>;
  close(): Promise<void>;
}

const { path, pageCacheKiB, role } = workerData as { readonly path: string; readonly pageCacheKiB: number | undefined; readonly role: VerifyThreadRole };
const port = parentPort;
if (port === null) throw new Error('hot-verify-worker.ts runs as a worker thread');

// The serving thread opened the file and checked its schema before starting this thread.
function writerWork(): ThreadWork {
  const db = openSqliteDatabase(path, undefined, pageCacheKiB);
  const store = createSqlStore(db);
  return {
    // Not run one after another: each batch is a transaction of the store's group committer
    // (group-commit.ts), so the batches that arrive while a group runs share the next COMMIT and its sync.
    async answer(request) {
      if (request.kind !== 'commit') throw new Error('the verify writer thread takes commits only');
      return { id: request.id, outcome: await commitHotBatch(store, request.batch) };
    },
    close: () => store.close(),
  };
}

function readerWork(): ThreadWork {
  const reader = openSqliteReader(path, pageCacheKiB);
  const exec: SqlExecutor = reader.executor;
  return {
    async answer(request) {
      if (request.kind !== 'read') throw new Error('the verify reader thread takes reads only');
      const rows = [];
      for (const ask of request.asks) rows.push((await exec.all(SQLITE_VERIFY_READ, ask))[0]);
      return { id: request.id, rows };
    },
    close: async () => reader.close(),
  };
}

const thread = role === 'reader' ? readerWork() : writerWork();
const running = new Set<Promise<void>>();
port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    void Promise.allSettled([...running]).then(() => thread.close()).finally(() => port.close());
    return;
  }
  const run = thread.answer(request)
    .catch((error: unknown): WriterReply => ({ id: request.id, error: error instanceof Error ? error.message : String(error) }))
    .then((reply) => port.postMessage(reply));
  running.add(run);
  void run.finally(() => running.delete(run));
});
