// A server for the HTTP benchmark: `app` serves bizotp's real API on the given database; `bare` serves a
// Fastify endpoint with the same JSON schema that does no work, the framework's own ceiling. WORKERS > 1 runs
// that many processes sharing the port through node:cluster (the bench's own launcher, so that the bare
// endpoint and the app get the same process count).
//   node bench/http-server.ts app|bare PORT DATABASE_URL [WORKERS]   (BIZOTP_MASTER_KEY from the environment)
// Prints "ready" once every process listens.

import cluster from 'node:cluster';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openDeps } from '../src/compose.ts';
import { createApp } from '../src/web/app.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { VERIFY_REQUEST_SCHEMA } from '../src/web/api/verify-schemas.ts';

const [mode, portText, databaseUrl, workersText] = process.argv.slice(2);
const port = Number(portText);
const workers = Number(workersText ?? '1');

async function serveOne(): Promise<void> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.post('/api/v1/otp/verify', { schema: { body: VERIFY_REQUEST_SCHEMA } }, async () => ({ result: 'accepted', serial: '10000000000011' }));
    await app.listen({ port, host: '127.0.0.1' });
  } else {
    // The database is migrated and loaded by the bench before any server starts. As `bizotp serve` runs: one
    // metrics registry the store reports into (the bench reads the threads' CPU from it).
    const config = loadConfig({ ...process.env, BIZOTP_DEV: '1', BIZOTP_DATABASE_URL: databaseUrl ?? '' }, () => {});
    const metrics = createMetrics({ processMetrics: true });
    const deps = await openDeps(config, () => Date.now(), { serving: true, metrics });
    const app = createApp(deps, { secureCookies: false, logger: false, metrics });
    await app.listen({ port, host: '127.0.0.1' });
  }
}

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) process.stdout.write('ready\n');
  });
  cluster.on('exit', (_worker, code) => {
    if (code !== 0 && !stopping) process.stderr.write(`a server worker exited with ${code}\n`);
  });
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  });
} else {
  await serveOne();
  if (cluster.isPrimary) process.stdout.write('ready\n');
  // Exit on SIGTERM through process.exit, so that --cpu-prof (NODE_OPTIONS) can write its profile.
  process.once('SIGTERM', () => process.exit(0));
}
