// A diagnostic beside `npm run bench`: verifyForBank called directly, without HTTP, at C in flight for ten
// seconds on a fresh database, with the CPU each verification cost this process and (on PostgreSQL) that
// PostgreSQL server's processes. It separates the domain and store's cost from the web layer's, and shows
// what one durable COMMIT costs the database.
//   node bench/verify-in-process.ts DATABASE_URL [C]   (a SQLite path that does not exist yet, or an empty
//   PostgreSQL database: it is loaded with 30,000 users)

import { randomBytes } from 'node:crypto';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { createApiKeyMemo } from '../src/domain/api-key-memo.ts';
import { hashApiKey } from '../src/domain/api-keys.ts';
import { verifyForBank } from '../src/domain/bank-verify.ts';
import { loadHttpFixture } from '../test/support/verify-fixture.ts';
import { cpus } from 'node:os';
import { cpuShare, cpuSnapshot, postmasterPid } from './cpu-share.ts';

const STEP_MS = 30_000;
const SECONDS = 10;
const [url, inFlightText] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: node bench/verify-in-process.ts DATABASE_URL [C]');
const inFlight = Number(inFlightText ?? '50');

const deps = await openDeps(loadConfig({ BIZOTP_DATABASE_URL: url, BIZOTP_MASTER_KEY: randomBytes(32).toString('hex') }, () => {}), () => Date.now(), { serving: true });
const fixture = await loadHttpFixture(deps, 30_000, 0, 'totp');
// Just after a step begins, so the T−1 codes stay in the window for the whole run.
await new Promise((resolve) => setTimeout(resolve, STEP_MS - (Date.now() % STEP_MS) + 100));
const bodies = fixture.totpBodiesAt(Date.now()).map((b) => JSON.parse(b) as { contract: string; login: string; otp: string });
const keyHash = hashApiKey(fixture.apiKey);
const memo = createApiKeyMemo(deps.store);
const postmaster = url.startsWith('postgres') ? await postmasterPid(url) : undefined;

const before = cpuSnapshot();
const ownBefore = process.cpuUsage();
const started = performance.now();
let next = 0;
let accepted = 0;
await Promise.all(Array.from({ length: inFlight }, async () => {
  while (performance.now() - started < SECONDS * 1000 && next < bodies.length) {
    const b = bodies[next++]!;
    const outcome = await verifyForBank(deps, keyHash, { contractId: b.contract, loginId: b.login, otp: b.otp }, '127.0.0.1', undefined, memo);
    if (outcome.kind !== 'accepted') throw new Error(`a code that should be accepted was not: ${JSON.stringify(outcome)}`);
    accepted++;
  }
}));
const seconds = (performance.now() - started) / 1000;
const own = process.cpuUsage(ownBefore);
const share = cpuShare(before, cpuSnapshot(), process.pid, cpus().length, postmaster);
await deps.store.close();

const perVerification = (percentOfOneCpu: number): string => `${Math.round(((percentOfOneCpu / 100) * seconds * 1e6) / accepted)} µs`;
console.log(`${accepted} verifications in ${seconds.toFixed(1)} s = ${Math.round(accepted / seconds)}/s at ${inFlight} in flight`);
console.log(`CPU per verification: this process ${Math.round((own.user + own.system) / accepted)} µs${share !== undefined && postmaster !== undefined ? `, PostgreSQL ${perVerification(share.postgres)}` : ''}${share === undefined ? '' : `; whole machine ${share.machine.toFixed(0)} % of ${share.cpus * 100} %`}`);
