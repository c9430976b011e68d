// `npm run bench` — speeds measured in one run, printed as rates and ratios against their goals (never a
// test), and written as JSON with --json FILE (shape: bench/README.md). Each option shortens one part; 0 skips it.
//   --seconds S          CPU measurement time per case (default 2)
//   --durable N          tokens verified durably through the domain path (default 3000)
//   --http-seconds S     longest duration of each HTTP load (default 10, at most 25)
//   --http-users N       TOTP tokens loaded per HTTP case, 3 acceptable codes each (default 30000)
//   --connections N      autocannon connections (default 50)
//   --screen-requests N  GETs of the registration screen per store (default 500)
//   --import-tokens N    size of the import benchmark (default 1000000)
//   --json FILE          also write the figures as JSON
//   --postgres URL       a PostgreSQL server the bench may fill (or BIZOTP_BENCH_POSTGRES_URL); without it
//                        the PostgreSQL cases are skipped
// Exit code 1 when an HTTP case had a code refused (every code sent should be accepted).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGeneratedPskc } from '../src/import/generate.ts';
import { microsPerRequest } from './cpu-share.ts';
import { benchHttpVerify, type HttpCase } from './http-verify.ts';
import { freshBenchDatabase } from './pg-database.ts';
import { benchRegistrationScreen, type ScreenResult } from './registration-screen.ts';
import { benchVerifyCpu, type CpuResult } from './verify-cpu.ts';
import { benchVerifyDurable, type DurableResult } from './verify-durable.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    durable: { type: 'string', default: '3000' },
    'http-seconds': { type: 'string', default: '10' },
    'http-users': { type: 'string', default: '30000' },
    connections: { type: 'string', default: '50' },
    'screen-requests': { type: 'string', default: '500' },
    'import-tokens': { type: 'string', default: '1000000' },
    json: { type: 'string' },
    postgres: { type: 'string' },
  },
});
const options = {
  seconds: Number(values.seconds),
  durable: Number(values.durable),
  // A TOTP step is 30 s and each HTTP run must fit inside one (bench/http-verify.ts).
  httpSeconds: Math.min(25, Number(values['http-seconds'])),
  httpUsers: Number(values['http-users']),
  connections: Number(values.connections),
  screenRequests: Number(values['screen-requests']),
  importTokens: Number(values['import-tokens']),
};
const pgUrl = values.postgres ?? process.env.BIZOTP_BENCH_POSTGRES_URL;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const goal = (met: boolean): string => (met ? 'goal met' : 'GOAL NOT MET');
const dir = mkdtempSync(join(tmpdir(), 'bizotp-bench-'));
const failures: string[] = [];

interface ImportResult {
  readonly tokens: number;
  readonly fileMiB: number;
  readonly seconds: number;
  readonly tokensPerSecond: number;
  readonly maxRssMiB: number;
}
const report = {
  schema: 'bizotp-bench/1',
  startedAt: new Date().toISOString(),
  node: process.versions.node,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
  options: { ...options, postgres: pgUrl !== undefined },
  cpu: null as CpuResult | null,
  durable: [] as DurableResult[],
  http: [] as HttpCase[],
  registrationScreen: [] as ScreenResult[],
  import: null as ImportResult | null,
  failures,
};

console.log(`bizotp bench — Node ${process.versions.node}, ${report.machine.cpus} CPUs, ${report.startedAt}\n`);
if (options.seconds > 0) {
  console.log('1. Checking a code (CPU only, one core; cases interleaved in 100 ms turns, medians)');
  const cpu = benchVerifyCpu(options.seconds);
  report.cpu = cpu;
  for (const r of Object.values(cpu.rates)) console.log(`   ${r.name.padEnd(50)} ${fmt(r.perSecond).padStart(10)} /s`);
  console.log(`   bizotp ÷ otplib (same ±1 window): valid ${cpu.vsOtplibValid.toFixed(1)}x, wrong ${cpu.vsOtplibWrong.toFixed(1)}x — ${goal(Math.min(cpu.vsOtplibValid, cpu.vsOtplibWrong) >= 3)} (≥ 3x)`);
  console.log(`   time ÷ raw HMAC time: valid ${cpu.vsRawHmacValid.toFixed(2)}x, wrong ${cpu.vsRawHmacWrong.toFixed(2)}x — ${goal(Math.max(cpu.vsRawHmacValid, cpu.vsRawHmacWrong) <= 1.2)} (≤ 1.2x)\n`);
}

if (options.durable > 0) {
  console.log('2. Durable verification through the domain (attempt + check + consume + audit + commit per code)');
  const cases: [string, () => Promise<string>, number][] = [];
  for (const concurrency of [1, 16]) cases.push([`SQLite WAL synchronous=FULL, ${concurrency} in flight`, async () => join(dir, `verify-${concurrency}.sqlite`), concurrency]);
  if (pgUrl !== undefined) for (const concurrency of [1, 16]) cases.push([`PostgreSQL, ${concurrency} in flight`, () => freshBenchDatabase(pgUrl, `verify_${concurrency}`), concurrency]);
  for (const [name, url, concurrency] of cases) {
    const r = await benchVerifyDurable(name, await url(), options.durable, concurrency);
    report.durable.push(r);
    console.log(`   ${r.name.padEnd(50)} ${fmt(r.perSecond).padStart(10)} /s   p99 ${r.p99Ms.toFixed(2)} ms`);
  }
  console.log('');
}

if (options.httpSeconds > 0) {
  console.log(`3. POST /api/v1/otp/verify over loopback, TOTP tokens, ${options.connections} connections (autocannon), ≤ ${options.httpSeconds} s each, vs a bare Fastify endpoint with the same schema and as many processes`);
  const cases: [HttpCase['store'], () => Promise<string>, number][] = [['sqlite', async () => join(dir, 'http.sqlite'), 1]];
  if (pgUrl !== undefined) for (const workers of [1, 2]) cases.push(['postgresql', () => freshBenchDatabase(pgUrl, `http_${workers}`), workers]);
  for (const [store, url, workers] of cases) {
    const r = await benchHttpVerify(store, await url(), workers, options.httpSeconds, options.httpUsers, options.connections);
    report.http.push(r);
    const label = `${store === 'sqlite' ? 'SQLite synchronous=FULL' : 'PostgreSQL'}, ${workers} process${workers > 1 ? 'es' : ''}`;
    console.log(`   ${`bare Fastify, ${label}`.padEnd(50)} ${fmt(r.bare.requestsPerSecond).padStart(8)} req/s   p99 ${r.bare.p99Ms} ms`);
    console.log(`   ${`bizotp verify, ${label}`.padEnd(50)} ${fmt(r.app.requestsPerSecond).padStart(8)} req/s   p99 ${r.app.p99Ms} ms   accepted ${fmt(r.app.accepted)}/${fmt(r.app.total)}`);
    const want = store === 'sqlite' ? 0.5 : 0.25;
    const p99 = store === 'sqlite' ? `, p99 ${r.p99Ratio.toFixed(1)}x the bare p99 — ${goal(r.p99Ratio <= 3)} (≤ 3x)` : '';
    console.log(`   ratio bizotp/bare: ${(r.throughputRatio * 100).toFixed(1)} % — ${goal(r.throughputRatio >= want)} (≥ ${want * 100} %)${p99}`);
    // What bounded the run: CPU of each party during the load, in % of one CPU (the machine has cpus × 100 %).
    for (const [name, cpu] of [['bare', r.bare.cpu], ['bizotp', r.app.cpu]] as const) {
      if (cpu === undefined) continue;
      console.log(`   CPU during ${name.padEnd(6)}: server ${cpu.server.toFixed(0)} %, PostgreSQL ${cpu.postgres.toFixed(0)} %, autocannon ${cpu.loadGenerator.toFixed(0)} %, whole machine ${cpu.machine.toFixed(0)} % of ${cpu.cpus * 100} %`);
    }
    // What the CPU alone allows: each request's cost, and the rate at which that cost fills every CPU.
    const [bareCost, appCost] = [r.bare.cpuPerRequest, r.app.cpuPerRequest];
    if (bareCost !== undefined && appCost !== undefined && r.cpuCeiling !== undefined) {
      // The kernel's work outside these processes (loopback, interrupts) and other processes; ticks are 10 ms, so ≥ 0.
      const rest = Math.max(0, appCost.machine - appCost.server - appCost.postgres - appCost.loadGenerator);
      const parts = `server ${fmt(appCost.server)}${store === 'postgresql' ? `, PostgreSQL ${fmt(appCost.postgres)}` : ''}, autocannon ${fmt(appCost.loadGenerator)}, the rest ${fmt(rest)}`;
      console.log(`   CPU a request, whole machine: bare ${fmt(bareCost.machine)} µs, bizotp ${fmt(appCost.machine)} µs (${parts})`);
      const cpusHere = r.app.cpu?.cpus ?? cpus().length;
      const needed = (cpusHere * 1e6) / (want * r.bare.requestsPerSecond);
      console.log(`   bound by CPU: at ${fmt(appCost.machine)} µs a request ${cpusHere} CPUs answer at most ${fmt(r.cpuCeiling.perSecond)} req/s = ${(r.cpuCeiling.ratio * 100).toFixed(0)} % of bare; ≥ ${want * 100} % needs ≤ ${fmt(needed)} µs`);
    }
    // Which of the server's threads was the full one (the rest of its CPU: V8's GC and libuv's helpers).
    const threads = r.app.threads;
    const perRequest = (pct: number): string => `${fmt(microsPerRequest(pct, r.app.requestsPerSecond))} µs`;
    if (threads !== undefined) console.log(`   bizotp's threads, in % of one CPU (and CPU a request): ${Object.entries(threads).map(([t, pct]) => `${t} ${pct.toFixed(0)} % (${perRequest(pct)})`).join(', ')}`);
    if (r.app.refused > 0) {
      const message = `${label}: ${r.app.refused} of ${r.app.total} codes REFUSED (every code sent should be accepted): ${r.app.refusedSamples.join(' | ')}`;
      failures.push(message);
      console.log(`   !!! ${message}`);
    }
  }
  console.log('');
}

if (options.screenRequests > 0) {
  console.log(`4. ワンタイムパスワード利用登録 (GET /otp/register/per-user), 99 users with tokens, ${fmt(options.screenRequests)} sequential requests through app.inject`);
  const cases: [string, () => Promise<string>][] = [['SQLite', async () => join(dir, 'screen.sqlite')]];
  if (pgUrl !== undefined) cases.push(['PostgreSQL', () => freshBenchDatabase(pgUrl, 'screen')]);
  for (const [label, url] of cases) {
    const r = await benchRegistrationScreen(label, await url(), options.screenRequests);
    report.registrationScreen.push(r);
    console.log(`   ${r.name.padEnd(50)} p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   max ${r.maxMs.toFixed(2)} ms — ${goal(r.p99Ms <= 5)} (p99 ≤ 5 ms)`);
  }
  console.log('');
}

if (options.importTokens > 0) {
  console.log(`5. Importing ${fmt(options.importTokens)} tokens (PSKC, AES-128-CBC pre-shared key, ValueMAC checked, into SQLite)`);
  const psk = randomBytes(16);
  const file = join(dir, 'bulk.pskc');
  const genStart = performance.now();
  await writeGeneratedPskc(file, options.importTokens, { protection: { kind: 'pre-shared', key: psk }, randomBytes });
  const fileMiB = statSync(file).size / 2 ** 20;
  console.log(`   generated ${fileMiB.toFixed(0)} MiB in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);
  writeFileSync(join(dir, 'psk.hex'), psk.toString('hex'));
  const child = spawnSync(process.execPath, ['bench/import-child.ts', file, join(dir, 'psk.hex'), join(dir, 'import.sqlite')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const out = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { code: number; seconds: number; maxRssMiB: number };
  if (out.code !== 0) throw new Error(`import failed: ${child.stdout}`);
  report.import = { tokens: options.importTokens, fileMiB, seconds: out.seconds, tokensPerSecond: options.importTokens / out.seconds, maxRssMiB: out.maxRssMiB };
  console.log(`   imported in ${out.seconds.toFixed(1)} s = ${fmt(options.importTokens / out.seconds)} tokens/s, peak memory (maxRSS) ${out.maxRssMiB.toFixed(0)} MiB — ${goal(out.maxRssMiB < 300)} (< 300 MiB)\n`);
}
rmSync(dir, { recursive: true, force: true });

if (values.json !== undefined) {
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`figures written to ${values.json}`);
}
if (failures.length > 0) {
  console.error(`\nBENCH FAILED: ${failures.length} case(s) refused codes that should have been accepted:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
