// `bizotp serve --workers N`: several processes on one port over PostgreSQL, each verifying; refused on
// SQLite, where one writer process stays the rule (README, Several processes).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { freePort } from './support/edge-harness.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';
import { loadHttpFixture } from './support/verify-fixture.ts';

const NODE = process.execPath;
const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

/** A request on a connection of its own (no keep-alive), so the cluster hands each to the next worker. */
function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Until /readyz answers and both workers have said they listen. */
async function waitReady(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${output()}`);
    const ok = await call(port, 'GET', '/readyz').then((r) => r.status === 200, () => false);
    if (ok && (output().match(/で待ち受けています/g)?.length ?? 0) >= 2) return; // both workers listen
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`serve never became ready: ${output()}`);
}

describe('bizotp serve --workers', () => {
  it('refuses several workers on SQLite, saying why, without starting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-workers-'));
    try {
      const r = spawnSync(NODE, [MAIN, 'serve', '--workers', '2'], { env: { ...process.env, BIZOTP_DATABASE_URL: join(dir, 'x.sqlite'), BIZOTP_MASTER_KEY: randomBytes(32).toString('hex'), BIZOTP_DEV: '' }, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /SQLite では --workers を指定できません/);
      for (const bad of ['0']) assert.equal(spawnSync(NODE, [MAIN, 'serve', '--workers', bad], { env: { ...process.env, BIZOTP_DATABASE_URL: join(dir, 'x.sqlite') }, encoding: 'utf8', timeout: 60_000 }).status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves with two processes on PostgreSQL, both verifying codes, and stops both on SIGTERM', { skip: POSTGRES_URL === undefined ? 'BIZOTP_TEST_POSTGRES_URL is not set' : false, timeout: 180_000 }, async () => {
    markPostgresSuiteRan();
    const databaseUrl = await freshPostgresDatabase('serve_workers');
    const dir = mkdtempSync(join(tmpdir(), 'bizotp-workers-'));
    const keyFile = join(dir, 'master.key');
    const masterKeyHex = randomBytes(32).toString('hex');
    writeFileSync(keyFile, masterKeyHex, { mode: 0o600 });
    const deps = await openDeps(loadConfig({ BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY: masterKeyHex }, () => {}), () => Date.now());
    const fixture = await loadHttpFixture(deps, 7, 1); // HOTP: one acceptable code per user, at any time
    await deps.store.close();
    const port = await freePort();
    const child = spawn(NODE, [MAIN, 'serve', '--workers', '2'], { env: { ...process.env, BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY_FILE: keyFile, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    try {
      await waitReady(port, child, () => output);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${fixture.apiKey}` };
      for (const body of fixture.bodies) {
        const r = await call(port, 'POST', '/api/v1/otp/verify', headers, body);
        assert.equal(r.status, 200, r.body);
        assert.equal(JSON.parse(r.body).result, 'accepted', r.body);
      }
      // Each worker counts its own verifications: on connections of their own, the scrapes reach both, and
      // the two counts (7 is odd, so they differ) add up to all of them.
      const counts = new Set<number>();
      for (let i = 0; i < 6; i++) {
        const text = (await call(port, 'GET', '/metrics')).body;
        const match = /bizotp_otp_verifications_total\{[^}]*result="accepted"[^}]*\} (\d+)/.exec(text);
        counts.add(match === null ? 0 : Number(match[1]));
      }
      const seen = [...counts].sort();
      assert.equal(seen.length, 2, `two processes answered: ${seen.join(', ')}`);
      assert.ok(seen[0]! > 0, 'both verified codes');
      assert.equal(seen[0]! + seen[1]!, fixture.bodies.length);
      assert.equal(output.match(/で待ち受けています/g)?.length, 2, output);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(child.exitCode, 0, output);
  });
});
