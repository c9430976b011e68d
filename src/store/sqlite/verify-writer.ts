// SQLite's verify writer: the verify API's reads and accepted codes handled on threads of their own.
// With synchronous=FULL a COMMIT waits for the disk, and node:sqlite waits synchronously: on the serving
// thread each group's sync (1.7–1.9 ms here) and its statements stopped every request of the process. The
// writer thread (hot-verify-worker.ts) has its own connection to the file and commits each batch the
// verify sequencer hands it (domain/verify-sequencer.ts) with commitHotBatch, the same checks and writes as
// PostgreSQL's bizotp_verify_commit; the caller is answered only after that COMMIT. The reader thread reads
// for the verify API on a read-only connection of its own, while the writer syncs. It is still one process:
// the writer and the serving thread's connection take SQLite's one write lock in turn (busy_timeout), as two
// connections of one file always do. The reads asked during one turn of the event loop travel in one
// message. Each thread starts at its first request; `close` waits for the requests sent.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { HotVerifyBatch, HotVerifyOutcome } from '../../domain/hot-verify-ports.ts';
import type { SqlRow } from '../sql/sql-executor.ts';
import type { ThreadCpu } from '../store-observer.ts';
import type { VerifyWriterPort } from './sqlite-hot-verify.ts';
import type { VerifyThreadRole } from './hot-verify-worker.ts';

type Ask = readonly [apiKeyHash: string, contractId: string, loginId: string];

export type WriterRequest =
  | { readonly kind: 'commit'; readonly id: number; readonly batch: HotVerifyBatch }
  | { readonly kind: 'read'; readonly id: number; readonly asks: readonly Ask[] }
  | { readonly kind: 'close' };

export type WriterReply =
  | { readonly id: number; readonly outcome: HotVerifyOutcome }
  | { readonly id: number; readonly rows: readonly (SqlRow | undefined)[] }
  | { readonly id: number; readonly error: string };

export interface VerifyWriter extends VerifyWriterPort {
  /** The CPU each started thread has used (worker.cpuUsage), for the metrics. */
  threadCpu(): Promise<ThreadCpu[]>;
  close(): Promise<void>;
}

interface Waiting {
  readonly settle: (reply: WriterReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * After a thread failed, its requests are refused at once (the verify API then takes its transaction path,
 * on the serving thread's connection) for this long before a new thread is tried: a file it cannot open
 * must not cost a thread's start at every request.
 */
export const RESTART_AFTER_MS = 5000;

interface VerifyThread {
  send(request: Exclude<WriterRequest, { kind: 'close' }>, waiter: Waiting): void;
  /** Undefined when the thread is not running. */
  cpuUsage(): Promise<ThreadCpu | undefined>;
  close(): Promise<void>;
}

/** One of the verify writer's threads, started at its first request and again after a failure. */
function createThread(path: string, pageCacheKiB: number | undefined, role: VerifyThreadRole): VerifyThread {
  let worker: Worker | undefined;
  let failedAt: number | undefined;
  const waiting = new Map<number, Waiting>();

  function failAll(error: Error): void {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  }

  function start(): Worker {
    const w = new Worker(new URL('./hot-verify-worker.ts', import.meta.url), { workerData: { path, pageCacheKiB, role } });
    w.on('message', (reply: WriterReply) => {
      const found = waiting.get(reply.id);
      if (found === undefined) return;
      waiting.delete(reply.id);
      found.settle(reply);
      if (waiting.size === 0) w.unref(); // idle: it does not keep the process alive
    });
    w.on('error', (error) => {
      failedAt = performance.now();
      failAll(new Error(`the SQLite verify ${role} failed: ${error.message}`));
    });
    w.on('exit', (code) => {
      if (code !== 0) failedAt = performance.now();
      if (worker === w) worker = undefined; // a thread that died is started again (after RESTART_AFTER_MS)
      failAll(new Error(`the SQLite verify ${role} exited`));
    });
    return w;
  }

  return {
    send(request: Exclude<WriterRequest, { kind: 'close' }>, waiter: Waiting): void {
      if (worker === undefined && failedAt !== undefined && performance.now() - failedAt < RESTART_AFTER_MS) {
        waiter.reject(new Error(`the SQLite verify ${role} failed a moment ago`));
        return;
      }
      worker ??= start();
      worker.ref(); // a request in flight keeps the process alive until its answer
      waiting.set(request.id, waiter);
      worker.postMessage(request);
    },
    async cpuUsage(): Promise<ThreadCpu | undefined> {
      const w = worker;
      if (w === undefined) return undefined;
      try {
        const usage = await w.cpuUsage();
        return { thread: `verify_${role}`, instance: w.threadId, userMicros: usage.user, systemMicros: usage.system };
      } catch {
        return undefined; // it ended meanwhile
      }
    },
    async close(): Promise<void> {
      const w = worker;
      if (w === undefined) return;
      const exited = once(w, 'exit');
      w.ref();
      w.postMessage({ kind: 'close' } satisfies WriterRequest); // after the requests sent: they are answered first
      await exited;
    },
  };
}

export function createVerifyWriter(path: string, pageCacheKiB: number | undefined): VerifyWriter {
  const reader = createThread(path, pageCacheKiB, 'reader');
  const writer = createThread(path, pageCacheKiB, 'writer');
  let closed = false;
  let nextId = 0;
  let asks: { ask: Ask; resolve: (row: SqlRow) => void; reject: (error: Error) => void }[] = [];

  function sendReads(): void {
    if (asks.length === 0) return; // already sent (by close)
    const sent = asks;
    asks = [];
    reader.send({ kind: 'read', id: nextId++, asks: sent.map((a) => a.ask) }, {
      settle(reply) {
        if (!('rows' in reply)) {
          const error = new Error(`the SQLite verify reader failed: ${'error' in reply ? reply.error : 'not rows'}`);
          for (const a of sent) a.reject(error);
          return;
        }
        sent.forEach((a, i) => {
          const row = reply.rows[i];
          if (row === undefined) a.reject(new Error('the verify read returned no row'));
          else a.resolve(row);
        });
      },
      reject: (error) => { for (const a of sent) a.reject(error); },
    });
  }

  return {
    read(apiKeyHash: string, contractId: string, loginId: string): Promise<SqlRow> {
      if (closed) return Promise.reject(new Error('the SQLite store is closed'));
      return new Promise((resolve, reject) => {
        if (asks.length === 0) setImmediate(sendReads);
        asks.push({ ask: [apiKeyHash, contractId, loginId], resolve, reject });
      });
    },

    commit(batch: HotVerifyBatch): Promise<HotVerifyOutcome> {
      if (closed) return Promise.reject(new Error('the SQLite store is closed'));
      return new Promise((resolve, reject) => {
        writer.send({ kind: 'commit', id: nextId++, batch }, {
          settle: (reply) => ('outcome' in reply ? resolve(reply.outcome) : reject(new Error(`the SQLite verify writer failed: ${'error' in reply ? reply.error : 'no outcome'}`))),
          reject,
        });
      });
    },

    async threadCpu(): Promise<ThreadCpu[]> {
      const usages = await Promise.all([reader.cpuUsage(), writer.cpuUsage()]);
      return usages.filter((u) => u !== undefined);
    },

    async close(): Promise<void> {
      closed = true;
      if (asks.length > 0) sendReads(); // asked before close: sent now, ahead of it
      await Promise.all([reader.close(), writer.close()]);
    },
  };
}
