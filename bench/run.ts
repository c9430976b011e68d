// `npm run bench` — speeds measured in one run, printed as rates and ratios (never a test).
//   --seconds S         CPU measurement time per case (default 2)
//   --durable N         tokens verified durably (default 3000)
//   --import-tokens N   size of the import benchmark (default 1000000; 0 skips it)
//   --http-seconds S    duration of each HTTP load (default 10; 0 skips it)
// BIZOTP_BENCH_POSTGRES_URL adds the durable verification and the HTTP benchmark on PostgreSQL (a database
// the benchmark may fill).

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGeneratedPskc } from '../src/import/generate.ts';
import { benchVerifyCpu } from './verify-cpu.ts';
import { benchHttpVerify, type HttpResult } from './http-verify.ts';
import { freshBenchDatabase } from './pg-database.ts';
import { benchVerifyDurable } from './verify-durable.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    durable: { type: 'string', default: '3000' },
    'import-tokens': { type: 'string', default: '1000000' },
    'http-seconds': { type: 'string', default: '10' },
  },
});
// A TOTP step is 30 s and each HTTP run must fit inside one (bench/http-verify.ts).
const httpSeconds = Math.min(25, Number(values['http-seconds']));
const seconds = Number(values.seconds);
const durable = Number(values.durable);
const importTokens = Number(values['import-tokens']);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const dir = mkdtempSync(join(tmpdir(), 'bizotp-bench-'));

console.log(`bizotp bench — Node ${process.versions.node}, ${new Date().toISOString()}\n`);
console.log('1. Checking a code (CPU only, one core)');
const cpu = benchVerifyCpu(seconds);
for (const r of Object.values(cpu.rates)) console.log(`   ${r.name.padEnd(48)} ${fmt(r.perSecond).padStart(10)} /s`);
console.log(`   ratio bizotp/otplib: valid ${cpu.vsOtplibValid.toFixed(1)}x, wrong ${cpu.vsOtplibWrong.toFixed(1)}x; time vs raw HMACs: valid ${cpu.vsRawHmacValid.toFixed(2)}x, wrong ${cpu.vsRawHmacWrong.toFixed(2)}x\n`);

console.log('2. Durable verification (attempt + check + consume + commit per code)');
for (const concurrency of [1, 16]) {
  const r = await benchVerifyDurable(`SQLite WAL synchronous=FULL, ${concurrency} in flight`, join(dir, `verify-${concurrency}.sqlite`), durable, concurrency);
  console.log(`   ${r.name.padEnd(48)} ${fmt(r.perSecond).padStart(10)} /s   p99 ${r.p99Ms.toFixed(2)} ms`);
}
const pgUrl = process.env.BIZOTP_BENCH_POSTGRES_URL;
if (pgUrl !== undefined) {
  for (const concurrency of [1, 16]) {
    const r = await benchVerifyDurable(`PostgreSQL, ${concurrency} in flight`, await freshBenchDatabase(pgUrl, `verify_${concurrency}`), durable, concurrency);
    console.log(`   ${r.name.padEnd(48)} ${fmt(r.perSecond).padStart(10)} /s   p99 ${r.p99Ms.toFixed(2)} ms`);
  }
}
console.log('');

if (httpSeconds > 0) {
  console.log(`3. POST /api/v1/otp/verify over loopback, TOTP tokens, 50 connections (autocannon), ${httpSeconds} s each, vs the bare framework`);
  const show = (rows: HttpResult[]): void => {
    for (const r of rows) console.log(`   ${r.name.padEnd(48)} ${fmt(r.requestsPerSecond).padStart(10)} req/s   p99 ${r.p99Ms} ms   (accepted ${fmt(r.accepted)}, other ${fmt(r.other)})`);
    console.log(`   ratio bizotp/bare: ${((rows[1]!.requestsPerSecond / rows[0]!.requestsPerSecond) * 100).toFixed(0)} %`);
  };
  show(await benchHttpVerify('SQLite synchronous=FULL', join(dir, 'http.sqlite'), httpSeconds, 30_000, 50));
  if (pgUrl !== undefined) show(await benchHttpVerify('PostgreSQL', await freshBenchDatabase(pgUrl, 'http'), httpSeconds, 10_000, 50));
  console.log('');
}

if (importTokens > 0) {
  console.log(`4. Importing ${fmt(importTokens)} tokens (PSKC, AES-128-CBC pre-shared key, ValueMAC checked, into SQLite)`);
  const psk = randomBytes(16);
  const file = join(dir, 'bulk.pskc');
  const genStart = performance.now();
  await writeGeneratedPskc(file, importTokens, { protection: { kind: 'pre-shared', key: psk }, randomBytes });
  console.log(`   generated ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);
  writeFileSync(join(dir, 'psk.hex'), psk.toString('hex'));
  const child = spawnSync(process.execPath, ['bench/import-child.ts', file, join(dir, 'psk.hex'), join(dir, 'import.sqlite')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const report = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { code: number; seconds: number; maxRssMiB: number };
  if (report.code !== 0) throw new Error(`import failed: ${child.stdout}`);
  console.log(`   imported in ${report.seconds.toFixed(1)} s = ${fmt(importTokens / report.seconds)} tokens/s, peak memory (maxRSS) ${report.maxRssMiB.toFixed(0)} MiB`);
}
rmSync(dir, { recursive: true, force: true });
