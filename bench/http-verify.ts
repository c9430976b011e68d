// POST /api/v1/otp/verify over loopback against the bare framework in the same run: requests per second,
// p99 latency and their ratio. The server runs in a process of its own; autocannon loads it from this one.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { loadHttpFixture } from '../test/support/verify-fixture.ts';

const STEP_MS = 30_000;

export interface HttpResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly accepted: number;
  readonly other: number;
}

async function startServer(mode: 'app' | 'bare', port: number, databaseUrl: string, masterKeyHex: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bench/http-server.ts', mode, String(port), databaseUrl], { env: { ...process.env, BIZOTP_MASTER_KEY: masterKeyHex }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`server did not start: ${chunk.toString()}`);
  return child;
}

async function load(name: string, port: number, apiKey: string, bodies: string[], seconds: number, connections: number): Promise<HttpResult> {
  let next = 0;
  let accepted = 0;
  let other = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/otp/verify',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"accepted"')) accepted++;
          else other++;
        },
      },
    ],
  });
  return { name, requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, accepted, other };
}

/** Runs the bare endpoint and then the real one on `databaseUrl`, each for `seconds` (at most 25). */
export async function benchHttpVerify(label: string, databaseUrl: string, seconds: number, users: number, connections: number): Promise<HttpResult[]> {
  const masterKeyHex = randomBytes(32).toString('hex');
  const deps = await openDeps(loadConfig({ BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY: masterKeyHex }, () => {}), () => Date.now());
  // TOTP tokens as banks issue them; each gives three acceptable codes within one 30-second step.
  const fixture = await loadHttpFixture(deps, users, 0, 'totp');
  await deps.store.close();
  const results: HttpResult[] = [];
  for (const mode of ['bare', 'app'] as const) {
    const port = 40000 + Math.floor(Math.random() * 10000);
    const server = await startServer(mode, port, databaseUrl, masterKeyHex);
    try {
      // The run must stay inside one step, or the T−1 codes fall out of the window: start just after a step
      // begins (the server's clock is this machine's).
      if (mode === 'app') await new Promise((resolve) => setTimeout(resolve, STEP_MS - (Date.now() % STEP_MS) + 200));
      const bodies = fixture.totpBodiesAt(Date.now());
      results.push(await load(mode === 'bare' ? 'bare Fastify, same JSON schema' : `bizotp verify, ${label}`, port, fixture.apiKey, bodies, seconds, connections));
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }
  return results;
}
