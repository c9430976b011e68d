// security.md: 50 parallel submissions of one code → exactly one acceptance, also with two server instances.
// On SQLite the instances share the file; BEGIN IMMEDIATE plus busy_timeout make their writes take turns.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { aToken } from '../conformance/fixtures.ts';
import { openStore } from '../open-store.ts';

function runWorker(workerData: object): Promise<boolean[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./consume-worker.ts', import.meta.url), { workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

test('two instances on one SQLite file accept a code exactly once across 50 parallel submissions', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-two-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'bizotp.sqlite');
  const setupStore = await openStore(path);
  await setupStore.transaction((tx) => tx.tokens.insertBatch([aToken('TWO00001', { status: 'registered' })]));
  await setupStore.close();

  const job = { path, serial: 'TWO00001', counter: String(2n ** 40n), submissions: 25 };
  const [a, b] = await Promise.all([runWorker(job), runWorker(job)]);
  assert.equal([...(a ?? []), ...(b ?? [])].filter(Boolean).length, 1);

  const check = await openStore(path);
  t.after(() => check.close());
  assert.equal((await check.transaction((tx) => tx.tokens.get('TWO00001')))?.lastCounter, 2n ** 40n);
});
