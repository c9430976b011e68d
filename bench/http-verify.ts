// POST /api/v1/otp/verify over loopback against the bare framework with the same schema and the same number
// of server processes, in the same run: requests per second, p99 latency and their ratios. The servers run
// in processes of their own (bench/http-server.ts); autocannon loads them from this one.
// Every request to the app carries a code that should be accepted: three per TOTP token (steps T−1, T, T+1,
// each token's in ascending order and thousands of requests apart), so none is a replay; the load stops when
// they are used up or after `seconds`, whichever comes first, and every answer is counted.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { loadHttpFixture } from '../test/support/verify-fixture.ts';
import { cpuCeilingPerSecond, cpuPerRequest, type CpuPerRequest, cpuShare, cpuSnapshot, type CpuShare, postmasterPid, serverThreadCpu, threadShare } from './cpu-share.ts';
import { cpus } from 'node:os';

const STEP_MS = 30_000;

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers received. */
  readonly total: number;
  /** 200 with result "accepted". */
  readonly accepted: number;
  /** Everything else (another result, another status, a socket error): must be 0 for the app. */
  readonly refused: number;
  /** Up to three refused answers, for the report. */
  readonly refusedSamples: readonly string[];
  /** Where the CPU went during the load (Linux /proc; absent elsewhere). */
  readonly cpu?: CpuShare;
  /** The same, in microseconds of CPU per request answered. */
  readonly cpuPerRequest?: CpuPerRequest;
  /** The app with one process: % of one CPU each of its threads used during the load (its /metrics). */
  readonly threads?: Record<string, number>;
}

export interface HttpCase {
  readonly store: 'sqlite' | 'postgresql';
  readonly workers: number;
  readonly connections: number;
  readonly bare: LoadResult;
  readonly app: LoadResult;
  /** app ÷ bare requests per second. */
  readonly throughputRatio: number;
  /** app p99 ÷ bare p99. */
  readonly p99Ratio: number;
  /**
   * The app's rate with every CPU busy at its measured CPU per request (cpu-share.ts cpuCeilingPerSecond),
   * and that ÷ the bare rate: the most this machine's CPU lets the ratio be. Absent without /proc.
   */
  readonly cpuCeiling?: { readonly perSecond: number; readonly ratio: number };
}

async function startServer(mode: 'app' | 'bare', port: number, databaseUrl: string, workers: number, masterKeyHex: string): Promise<ChildProcess> {
  // BIZOTP_BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the servers.
  const nodeArgs = (process.env.BIZOTP_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, 'bench/http-server.ts', mode, String(port), databaseUrl, String(workers)], {
    env: { ...process.env, BIZOTP_MASTER_KEY: masterKeyHex },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`server did not start: ${chunk.toString()}`);
  return child;
}

async function load(port: number, apiKey: string, bodies: readonly string[], seconds: number, connections: number, capped: boolean): Promise<LoadResult> {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const refusedSamples: string[] = [];
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${port}`,
      connections,
      // Capped: exactly one request per prepared code, never a code twice (the duration is enforced below).
      ...(capped ? { amount: bodies.length } : { duration: seconds }),
      requests: [
        {
          method: 'POST',
          path: '/api/v1/otp/verify',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
          onResponse: (status, body) => {
            if (status === 200 && body.includes('"accepted"')) accepted++;
            else {
              refused++;
              if (refusedSamples.length < 3) refusedSamples.push(`${status} ${body.slice(0, 200)}`);
            }
          },
        },
      ],
    },
    () => {},
  );
  const timer = capped ? setTimeout(() => instance.stop(), seconds * 1000) : undefined;
  const [result] = (await once(instance, 'done')) as [autocannon.Result];
  clearTimeout(timer);
  const total = accepted + refused;
  // Errors and timeouts get no onResponse: they count as refused too.
  const lost = result.errors + result.timeouts;
  return {
    requestsPerSecond: total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: total + lost,
    accepted,
    refused: refused + lost,
    refusedSamples,
  };
}

/**
 * The bare endpoint and then the real one on `databaseUrl` (fresh, migrated here), each with `workers`
 * processes, each for at most `seconds` (≤ 25: the run must stay inside one TOTP step).
 */
export async function benchHttpVerify(store: HttpCase['store'], databaseUrl: string, workers: number, seconds: number, users: number, connections: number): Promise<HttpCase> {
  const masterKeyHex = randomBytes(32).toString('hex');
  const deps = await openDeps(loadConfig({ BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY: masterKeyHex }, () => {}), () => Date.now());
  // TOTP tokens as banks issue them, 99 users per contract, contracts interleaved (verify-fixture.ts).
  const fixture = await loadHttpFixture(deps, users, 0, 'totp');
  await deps.store.close();
  const results: Partial<Record<'bare' | 'app', LoadResult>> = {};
  const postmaster = store === 'postgresql' ? await postmasterPid(databaseUrl) : undefined;
  for (const mode of ['bare', 'app'] as const) {
    const port = 40000 + Math.floor(Math.random() * 10000);
    const server = await startServer(mode, port, databaseUrl, workers, masterKeyHex);
    try {
      // Start just after a step begins (the servers' clock is this machine's), or the T−1 codes would fall
      // out of the window during the run.
      if (mode === 'app') await new Promise((resolve) => setTimeout(resolve, STEP_MS - (Date.now() % STEP_MS) + 200));
      // With one process every request reaches the one registry: its threads' CPU is read before and after.
      const threadsBefore = mode === 'app' && workers === 1 ? await serverThreadCpu(port) : undefined;
      const before = cpuSnapshot();
      const result = await load(port, fixture.apiKey, fixture.totpBodiesAt(Date.now()), seconds, connections, mode === 'app');
      const after = cpuSnapshot();
      const cpu = cpuShare(before, after, server.pid ?? 0, cpus().length, postmaster);
      const threadsAfter = threadsBefore === undefined ? undefined : await serverThreadCpu(port);
      const threads = threadsBefore === undefined || threadsAfter === undefined ? undefined : threadShare(threadsBefore, threadsAfter, (after.atMs - before.atMs) / 1000);
      const perRequest = cpu === undefined ? {} : { cpu, cpuPerRequest: cpuPerRequest(cpu, result.requestsPerSecond) };
      results[mode] = { ...result, ...perRequest, ...(threads === undefined ? {} : { threads }) };
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }
  const bare = results.bare!;
  const app = results.app!;
  const ceiling = app.cpuPerRequest === undefined ? undefined : cpuCeilingPerSecond(app.cpuPerRequest.machine, cpus().length);
  return {
    store, workers, connections, bare, app, throughputRatio: app.requestsPerSecond / bare.requestsPerSecond, p99Ratio: app.p99Ms / Math.max(bare.p99Ms, 1),
    ...(ceiling === undefined ? {} : { cpuCeiling: { perSecond: ceiling, ratio: ceiling / bare.requestsPerSecond } }),
  };
}
