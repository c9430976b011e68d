// The master key and development mode (config.ts): a key file readable by its owner only, never two sources,
// a development key only when BIZOTP_DEV=1, and secure cookies unless in development mode.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'bizotp-config-'));
}

function keyFile(dir: string, mode: number, text = randomBytes(32).toString('hex')): string {
  const path = join(dir, 'master.key');
  writeFileSync(path, `${text}\n`, { mode });
  chmodSync(path, mode); // the umask may have taken bits away
  return path;
}

const quiet = (): void => {};

describe('BIZOTP_MASTER_KEY_FILE', () => {
  it('reads the key from a file only its owner can read', () => {
    const dir = folder();
    const hex = randomBytes(32).toString('hex');
    const config = loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: keyFile(dir, 0o600, hex) }, quiet);
    assert.equal(config.masterKey?.toString('hex'), hex);
    assert.equal(config.devKeyPath, null);
  });

  for (const mode of [0o640, 0o604, 0o644, 0o660]) {
    it(`refuses a key file with mode ${mode.toString(8)}, which others can read, naming the fix`, () => {
      const dir = folder();
      const path = keyFile(dir, mode);
      assert.throws(() => loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: path }, quiet), (e: unknown) => e instanceof ConfigError && e.message.includes(`chmod 600 ${path}`));
    });
  }

  it('refuses a key file that does not hold 64 hexadecimal characters, or does not exist', () => {
    const dir = folder();
    assert.throws(() => loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: keyFile(dir, 0o400, 'abcd') }, quiet), ConfigError);
    assert.throws(() => loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: join(dir, 'missing') }, quiet), ConfigError);
  });

  it('refuses both the file and the variable, whichever would win', () => {
    const dir = folder();
    const env = { BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY_FILE: keyFile(dir, 0o600), BIZOTP_MASTER_KEY: randomBytes(32).toString('hex') };
    assert.throws(() => loadConfig(env, quiet), ConfigError);
  });
});

describe('development mode', () => {
  it('outside it, no key means no key: nothing is generated in the data folder', () => {
    const dir = folder();
    const config = loadConfig({ BIZOTP_DATA_DIR: dir }, quiet);
    assert.equal(config.masterKey, null);
    assert.equal(existsSync(join(dir, 'dev-master-key')), false);
  });

  it('with BIZOTP_DEV=1 a development key is made once in the data folder, with a warning', () => {
    const dir = folder();
    const warnings: string[] = [];
    const first = loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1' }, (m) => warnings.push(m));
    const second = loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1' }, quiet);
    assert.equal(first.devKeyPath, join(dir, 'dev-master-key'));
    assert.deepEqual(first.masterKey, second.masterKey);
    assert.equal(warnings.length, 1);
  });

  it('cookies are Secure (and HSTS sent) by default, and plain only in development mode', () => {
    const dir = folder();
    const key = randomBytes(32).toString('hex');
    assert.equal(loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY: key }, quiet).secureCookies, true);
    assert.equal(loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1' }, quiet).secureCookies, false);
    assert.equal(loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1', BIZOTP_SECURE_COOKIES: '1' }, quiet).secureCookies, true);
    assert.throws(() => loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY: key, BIZOTP_SECURE_COOKIES: '0' }, quiet), ConfigError);
  });
});

describe('PostgreSQL settings', () => {
  it('have defaults and are read from BIZOTP_PG_*', () => {
    const dir = folder();
    assert.deepEqual(loadConfig({ BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1' }, quiet).postgres, { poolSize: 10, statementTimeoutMs: 5000, lockTimeoutMs: 3000, idleInTransactionTimeoutMs: 10000 });
    const env = { BIZOTP_DATA_DIR: dir, BIZOTP_DEV: '1', BIZOTP_PG_POOL_SIZE: '20', BIZOTP_PG_STATEMENT_TIMEOUT_MS: '2000', BIZOTP_PG_LOCK_TIMEOUT_MS: '1000', BIZOTP_PG_IDLE_IN_TX_TIMEOUT_MS: '0' };
    assert.deepEqual(loadConfig(env, quiet).postgres, { poolSize: 20, statementTimeoutMs: 2000, lockTimeoutMs: 1000, idleInTransactionTimeoutMs: 0 });
    assert.throws(() => loadConfig({ ...env, BIZOTP_PG_POOL_SIZE: 'ten' }, quiet), ConfigError);
  });
});
