// The environment, parsed once into a typed object (product.md §6). Broken configuration stops start-up
// with a message that says what to fix.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { DEFAULT_BANK_NAME } from './domain/lifecycle/otpauth-uri.ts';

export interface Config {
  /** A SQLite file path, or a postgres:// URL. */
  readonly databaseUrl: string;
  /** Null outside development mode when no key is configured: commands that open secrets refuse to run. */
  readonly masterKey: Buffer | null;
  readonly previousMasterKeys: readonly Buffer[];
  /** Set when the master key was made for development and kept in the data folder. */
  readonly devKeyPath: string | null;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Secure `__Host-` cookies and HSTS: always outside development mode (see secureCookies below). */
  readonly secureCookies: boolean;
  /**
   * Peers whose X-Forwarded-For names the client (BIZOTP_TRUSTED_PROXIES): addresses, CIDR blocks or
   * proxy-addr's names loopback, linklocal, uniquelocal. Empty: the peer is the client, and the header is ignored.
   */
  readonly trustedProxies: readonly string[];
  /** BIZOTP_DEV=1 (and `bizotp start`, the demo): a development key may be made, cookies may be plain. */
  readonly devMode?: boolean;
  /** BIZOTP_PUBLIC_ORIGIN: the origin browsers see (e.g. https://ib.example-bank.jp), checked against POSTs' Origin. */
  readonly publicOrigin?: string | null;
  /** BIZOTP_METRICS_ALLOW: clients allowed to read /metrics (default loopback); same syntax as the trusted proxies. */
  readonly metricsAllow?: readonly string[];
  /** PostgreSQL pool size and per-connection timeouts (BIZOTP_PG_*). */
  readonly postgres?: PostgresSettings;
  /** BIZOTP_BANK_NAME: the issuer of otpauth software tokens, shown by the customer's authenticator app. */
  readonly bankName?: string;
}

export interface PostgresSettings {
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  /** BIZOTP_PG_GROUP_COMMIT: the verify API's transactions share COMMITs (pg-group-commit.ts). */
  readonly groupCommit?: boolean;
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
export function parseTrustedProxies(text: string | undefined, variable = 'BIZOTP_TRUSTED_PROXIES'): readonly string[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const entry = raw.trim();
    if (NAMED_RANGES.has(entry)) return entry;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(`${variable}: "${entry}" is not an address, a CIDR block or one of loopback, linklocal, uniquelocal`);
    }
    return entry;
  });
}

/** The message `serve` and every command that opens secrets give when no key is configured (exit 2). */
export const MISSING_KEY_MESSAGE =
  'マスターキーが設定されていません。BIZOTP_MASTER_KEY_FILE（64桁の16進数を書いた、所有者だけが読めるファイル）または BIZOTP_MASTER_KEY を設定してください。開発用の鍵は BIZOTP_DEV=1 のときだけ作られます。';

/**
 * The key file must be readable by its owner only (mode 0600 or 0400, as systemd's LoadCredential= gives):
 * a key any local account can read protects nothing.
 */
export function readMasterKeyFile(path: string): Buffer {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new ConfigError(`BIZOTP_MASTER_KEY_FILE: ファイル ${path} を読めません。`);
  }
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(`BIZOTP_MASTER_KEY_FILE: ファイル ${path} は所有者以外も読み書きできます（${(mode & 0o777).toString(8)}）。chmod 600 ${path} としてください。`);
  }
  return parseKey('BIZOTP_MASTER_KEY_FILE', readFileSync(path, 'utf8'));
}

function devKey(dataDir: string, warn: (msg: string) => void): { key: Buffer; path: string } {
  const path = join(dataDir, 'dev-master-key');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  warn(`BIZOTP_DEV=1 and no master key: using the development key in ${path}. Never run a bank's data this way.`);
  return { key: parseKey(path, readFileSync(path, 'utf8')), path };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, not "${text}"`);
  return value;
}

/** An origin as browsers send it: scheme, host and port only. */
export function parsePublicOrigin(text: string | undefined): string | null {
  if (text === undefined || text.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(`BIZOTP_PUBLIC_ORIGIN must be an origin such as https://ib.example-bank.jp, not "${text}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new ConfigError(`BIZOTP_PUBLIC_ORIGIN must be an origin such as https://ib.example-bank.jp (no path), not "${text}"`);
  }
  return url.origin;
}

/**
 * Secure by default: outside development mode cookies are Secure with the `__Host-` prefix and HSTS is sent,
 * because the server is meant to be reached only through TLS. BIZOTP_SECURE_COOKIES=1 turns them on in
 * development mode too (a developer's TLS proxy); turning them off is development mode's job, not a switch.
 */
function secureCookies(env: NodeJS.ProcessEnv, devMode: boolean): boolean {
  const text = env.BIZOTP_SECURE_COOKIES;
  if (text === undefined || text === '') return !devMode;
  if (text === '1') return true;
  if (text === '0' && devMode) return false;
  throw new ConfigError(`BIZOTP_SECURE_COOKIES must be 1 (or 0 with BIZOTP_DEV=1), not "${text}"`);
}

/**
 * The Key URI Format separates issuer and account with `:`, so the name may not contain one; the apps show
 * about 30 characters.
 */
function parseBankName(text: string | undefined): string {
  const name = text?.trim() ?? '';
  if (name === '') return DEFAULT_BANK_NAME;
  if ([...name].length > 30 || /[:\u0000-\u001f\u007f]/.test(name)) {
    throw new ConfigError(`BIZOTP_BANK_NAME must be at most 30 characters without ":" or control characters, not "${name}"`);
  }
  return name;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, warn: (msg: string) => void = console.warn): Config {
  const dataDir = resolve(env.BIZOTP_DATA_DIR ?? 'data');
  const databaseUrl = env.BIZOTP_DATABASE_URL?.trim() || join(dataDir, 'bizotp.sqlite');
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${portText}"`);
  const devMode = env.BIZOTP_DEV === '1';

  const keyText = env.BIZOTP_MASTER_KEY ?? '';
  const keyFile = env.BIZOTP_MASTER_KEY_FILE ?? '';
  if (keyText !== '' && keyFile !== '') throw new ConfigError('BIZOTP_MASTER_KEY と BIZOTP_MASTER_KEY_FILE の両方が設定されています。どちらか一方にしてください。');
  let masterKey: Buffer | null = null;
  let devKeyPath: string | null = null;
  if (keyFile !== '') masterKey = readMasterKeyFile(keyFile);
  else if (keyText !== '') masterKey = parseKey('BIZOTP_MASTER_KEY', keyText);
  else if (devMode) ({ key: masterKey, path: devKeyPath } = devKey(dataDir, warn));
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
    secureCookies: secureCookies(env, devMode),
    trustedProxies: parseTrustedProxies(env.BIZOTP_TRUSTED_PROXIES),
    devMode,
    publicOrigin: parsePublicOrigin(env.BIZOTP_PUBLIC_ORIGIN),
    metricsAllow: env.BIZOTP_METRICS_ALLOW === undefined ? ['loopback'] : parseTrustedProxies(env.BIZOTP_METRICS_ALLOW, 'BIZOTP_METRICS_ALLOW'),
    bankName: parseBankName(env.BIZOTP_BANK_NAME),
    postgres: {
      // statement 5 s, lock 3 s, idle-in-transaction 10 s: a stuck query or a forgotten transaction frees its
      // connection and row locks instead of holding every verification of that token behind it.
      poolSize: positiveInt(env, 'BIZOTP_PG_POOL_SIZE', 10),
      statementTimeoutMs: positiveInt(env, 'BIZOTP_PG_STATEMENT_TIMEOUT_MS', 5000),
      lockTimeoutMs: positiveInt(env, 'BIZOTP_PG_LOCK_TIMEOUT_MS', 3000),
      idleInTransactionTimeoutMs: positiveInt(env, 'BIZOTP_PG_IDLE_IN_TX_TIMEOUT_MS', 10000),
      ...(env.BIZOTP_PG_GROUP_COMMIT === '1' ? { groupCommit: true } : {}),
    },
  };
}
