// The SQLite verify writer's thread (verify-writer.ts): its own connection to the file, on which the verify
// API's reads run and each batch of accepted codes is committed by commitHotBatch — the statements and the
// COMMIT's disk sync (synchronous=FULL) run here, off the event loop that serves HTTP. The reads run on
// this same connection: a connection's page cache survives its own commits but is dropped whenever another
// connection wrote to the file, and the read-only connection (written to by this one at every batch) found
// every page afresh, ~90 µs a read.
import { parentPort, workerData } from 'node:worker_threads';
import { createSqlStore } from '../sql/create-sql-store.ts';
import { commitHotBatch } from '../sql/hot-verify-commit.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { SQLITE_VERIFY_READ } from './sqlite-hot-verify.ts';
import type { WriterReply, WriterRequest } from './verify-writer.ts';

const { path, pageCacheKiB } = workerData as { readonly path: string; readonly pageCacheKiB: number | undefined };
const port = parentPort;
if (port === null) throw new Error('hot-verify-worker.ts runs as a worker thread');
// The serving thread opened the file and checked its schema before starting this thread.
const db = openSqliteDatabase(path, undefined, pageCacheKiB);
const store = createSqlStore(db);

async function answer(request: Exclude<WriterRequest, { kind: 'close' }>): Promise<WriterReply> {
  try {
    if (request.kind === 'commit') return { id: request.id, outcome: await commitHotBatch(store, request.batch) };
    // The reads of the moment, one transaction: it may share a group with batches and see those before it,
    // but it is answered after the group's COMMIT, so all it read is durable.
    const rows = await db.withTransaction(async (exec) => {
      const found = [];
      for (const ask of request.asks) found.push((await exec.all(SQLITE_VERIFY_READ, ask))[0]);
      return found;
    });
    return { id: request.id, rows };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

// Requests are not run one after another here: each is a transaction of the store's group committer
// (group-commit.ts), so the batches and reads that arrive while a group runs share the next COMMIT and its
// disk sync, each in a savepoint of its own, in arrival order.
const running = new Set<Promise<void>>();
port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    void Promise.allSettled([...running]).then(() => store.close()).finally(() => port.close());
    return;
  }
  const run = answer(request).then((reply) => port.postMessage(reply));
  running.add(run);
  void run.finally(() => running.delete(run));
});
