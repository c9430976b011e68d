// The environment, parsed once into a typed object (product.md §6). Broken configuration stops start-up
// with a message that says what to fix.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

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
  /**
   * Peers whose X-Forwarded-For names the client (BIZOTP_TRUSTED_PROXIES): addresses, CIDR blocks or
   * proxy-addr's names loopback, linklocal, uniquelocal. Empty: the peer is the client, and the header is ignored.
   */
  readonly trustedProxies: readonly string[];
}

export class ConfigError extends Error {}

function parseKey(name: string, hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex.trim())) throw new ConfigError(`${name} must be 64 hexadecimal characters (a 32-byte key)`);
  return Buffer.from(hex.trim(), 'hex');
}

/** proxy-addr's named ranges, which Fastify understands as they are. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Behind a reverse proxy every request comes from the proxy: trusting its header (and only its) gives each
 * customer their own login-limit bucket and puts the client's address in the audit log. Nothing is trusted
 * unless named, so a client that reaches the server directly cannot forge its address; a typo stops start-up
 * rather than silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(text: string | undefined): readonly string[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const entry = raw.trim();
    if (NAMED_RANGES.has(entry)) return entry;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(`BIZOTP_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR block or one of loopback, linklocal, uniquelocal`);
    }
    return entry;
  });
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
    trustedProxies: parseTrustedProxies(env.BIZOTP_TRUSTED_PROXIES),
  };
}
