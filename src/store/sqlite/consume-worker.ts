// Test helper for two-connections.test.ts: a second server instance on the same SQLite file, in a worker
// thread so that its connection's synchronous busy-wait blocks only itself (as a separate process would).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../open-store.ts';

interface Job {
  readonly path: string;
  readonly serial: string;
  readonly counter: string; // bigint does not cross postMessage in every Node version; decimal text does
  readonly submissions: number;
}

const job = workerData as Job;
const store = await openStore(job.path);
const results = await Promise.all(Array.from({ length: job.submissions }, () => store.transaction(async (tx) => {
  const token = await tx.tokens.beginAttempt(job.serial, ['registered'], 1000);
  return token !== undefined && (await tx.tokens.consume(job.serial, BigInt(job.counter), 0));
})));
await store.close();
parentPort?.postMessage(results);
