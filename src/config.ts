// The environment, parsed once into a typed object (product.md §6). Broken configuration stops start-up
// with a message that says what to fix.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Config {
  /** A SQLite file path, or a postgres:// URL. */
  readonly databaseUrl: string;
  readonly masterKey: Buffer;
  readonly previousMasterKeys: readonly Buffer[];
  /** Set when the master key was made for development and kept in the data folder. */
  readonly devKeyPath: string | null;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Secure cookies: set when the server is reached over TLS (BIZOTP_SECURE_COOKIES=1 behind a proxy). */
  readonly secureCookies: boolean;
}

export class ConfigError extends Error {}

function parseKey(name: string, hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex.trim())) throw new ConfigError(`${name} must be 64 hexadecimal characters (a 32-byte key)`);
  return Buffer.from(hex.trim(), 'hex');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, warn: (msg: string) => void = console.warn): Config {
  const dataDir = resolve(env.BIZOTP_DATA_DIR ?? 'data');
  const databaseUrl = env.BIZOTP_DATABASE_URL?.trim() || join(dataDir, 'bizotp.sqlite');
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${portText}"`);

  let masterKey: Buffer;
  let devKeyPath: string | null = null;
  if (env.BIZOTP_MASTER_KEY !== undefined && env.BIZOTP_MASTER_KEY !== '') {
    masterKey = parseKey('BIZOTP_MASTER_KEY', env.BIZOTP_MASTER_KEY);
  } else {
    devKeyPath = join(dataDir, 'dev-master-key');
    if (!existsSync(devKeyPath)) {
      mkdirSync(dirname(devKeyPath), { recursive: true });
      writeFileSync(devKeyPath, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    }
    masterKey = parseKey(devKeyPath, readFileSync(devKeyPath, 'utf8'));
    warn(`BIZOTP_MASTER_KEY is not set: using the development key in ${devKeyPath}. Never run a bank's data this way.`);
  }
  const previousMasterKeys = (env.BIZOTP_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((s) => parseKey('BIZOTP_PREVIOUS_MASTER_KEYS', s));

  return {
    databaseUrl,
    masterKey,
    previousMasterKeys,
    devKeyPath,
    port,
    host: env.HOST ?? 'localhost',
    dataDir,
    secureCookies: env.BIZOTP_SECURE_COOKIES === '1',
  };
}
