// A production install from the committed lockfile: `npm ci --omit=dev` in a copy of the repository, then
// `npx bizotp migrate` and `npx bizotp serve` with a key file, on a PATH whose own Node may be older (the
// `node` dependency brings Node 24). Slow and it may reach the npm registry for what the local cache lacks,
// so it runs only with BIZOTP_TEST_INSTALL=1 (never in .ci/run):
//   BIZOTP_TEST_INSTALL=1 npm test -- test/install.test.ts

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';

const ENABLED = process.env.BIZOTP_TEST_INSTALL === '1';

/** The machine's PATH without this checkout's node_modules/.bin, as on a server where only the copy exists. */
function machinePath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
}

async function healthz(port: number, deadlineMs: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (error) {
      if (Date.now() > deadlineMs) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

test('npm ci --omit=dev, then npx bizotp migrate and npx bizotp serve with a key file, answers /healthz', { skip: !ENABLED && 'set BIZOTP_TEST_INSTALL=1', timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-install-'));
  for (const file of execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f !== '')) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    cpSync(file, join(dir, file));
  }
  const env = { PATH: machinePath(), HOME: process.env.HOME ?? tmpdir(), npm_config_update_notifier: 'false' };
  execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env, stdio: 'ignore' });

  const keyPath = join(dir, 'master.key');
  writeFileSync(keyPath, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const serverEnv = { ...env, BIZOTP_MASTER_KEY_FILE: keyPath, BIZOTP_DATA_DIR: join(dir, 'data'), PORT: String(port), HOST: '127.0.0.1' };
  execFileSync('npx', ['bizotp', 'migrate'], { cwd: dir, env: serverEnv, stdio: 'ignore' });
  const server = spawn('npx', ['bizotp', 'serve'], { cwd: dir, env: serverEnv, stdio: 'ignore', detached: true });
  try {
    const answer = await healthz(port, Date.now() + 60_000);
    assert.equal(answer.status, 200);
    const login = await fetch(`http://127.0.0.1:${port}/login`);
    assert.match(login.headers.get('set-cookie') ?? '', /^__Host-.*Secure/, 'secure by default outside development mode');
  } finally {
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM'); // npx and the server it started
  }
});
