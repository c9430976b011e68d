// 「ワンタイムパスワード利用登録」 (GET /otp/register/per-user) for an administrator whose contract has 99 users,
// each with a registered token: the server time of each request through app.inject (routing, session,
// database reads and rendering; no socket), sequential, as p50/p99. Goal p99 ≤ 5 ms.

import { randomBytes } from 'node:crypto';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/web/app.ts';
import { loadHttpFixture } from '../test/support/verify-fixture.ts';
import { agent } from '../test/web/agent.ts';

export interface ScreenResult {
  readonly name: string;
  readonly requests: number;
  readonly users: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const PATH = '/otp/register/per-user';

/** `requests` GETs of the registration screen on `databaseUrl` (a fresh SQLite file or PostgreSQL database). */
export async function benchRegistrationScreen(label: string, databaseUrl: string, requests: number): Promise<ScreenResult> {
  const config = loadConfig({ BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY: randomBytes(32).toString('hex') }, () => {});
  const deps = await openDeps(config, () => Date.now());
  try {
    // One contract of 99 users (verify-fixture.ts), its admin password 'bench0001'.
    await loadHttpFixture(deps, 99, 0, 'totp');
    const app = createApp(deps, { secureCookies: false, logger: false });
    const admin = agent(app);
    const login = await admin.login('50000000000', 'bench0001');
    if (login.status !== 303) throw new Error(`the admin login failed (${login.status}): ${JSON.stringify(login.errors)}`);
    const first = await admin.get(PATH);
    const rows = first.body.match(/<tr data-login-id=/g)?.length ?? 0;
    if (first.status !== 200 || rows !== 99) throw new Error(`the registration screen showed ${rows} users (status ${first.status}), not 99`);
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // The body is taken as inject hands it to a client, as a stream of Buffers, and drained: turning it into
    // a JavaScript string (inject's default) is the client's work, and 45 KB of UTF-8 decode to an 86 KB
    // string that V8 allocates straight into the old generation, whose collections then land in the p99.
    const get = async (): Promise<number> => {
      // A request reaches a server in an I/O callback, so the event loop turns between two of them. Without
      // that turn a SQLite request, whose reads are synchronous, would complete in microtasks alone, and
      // inject's stand-in socket, which completes each write in a setImmediate, would keep every response
      // alive until the loop ends: ~100 KB a request, a heap of 180 MB and 20-30 ms scavenges in the p99.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url: PATH, headers: { cookie }, payloadAsStream: true });
      for await (const _chunk of response.stream()) {
        // drained: the whole page has left the server
      }
      const elapsedMs = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`the registration screen answered ${response.statusCode}`);
      return elapsedMs;
    };
    for (let i = 0; i < 50; i++) await get(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await get());
    await app.close();
    times.sort((a, b) => a - b);
    const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
    return { name: `ワンタイムパスワード利用登録, 99 users, ${label}`, requests, users: rows, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: times.at(-1)! };
  } finally {
    await deps.store.close();
  }
}
