// The app as `npm start` serves it, in-process: createApp with the users' screens and the API registered, on
// the demo data of product.md §7 (contract 10000000001, user01…user12, five tokens issued, none registered,
// one 普通 account of ¥10,000,000), a pinned clock, and the current OTP of any token.
// `instance()` opens a second app with a Store of its own on the same database (two server instances).

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEMO, loadDemoData } from '../../src/demo-data.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { registerToken } from '../../src/domain/registration.ts';
import { deriveAuditKeys } from '../../src/domain/audit-keys.ts';
import { createKeyring } from '../../src/domain/secret-box.ts';
import type { AuditEntry, LedgerEntryRecord, Store } from '../../src/domain/store-ports.ts';
import { hmacKey } from '../../src/otp/hmac-key.ts';
import { totp } from '../../src/otp/totp.ts';
import { openStore } from '../../src/store/open-store.ts';
import { observeStore } from '../../src/observability/observed-store.ts';
import { createApp, type AppOptions } from '../../src/web/app.ts';

/** 2026-11-24 09:00:00 UTC (18:00 in Tokyo): the start of a 30 s and of a 60 s step. */
export const T0_MS = Date.UTC(2026, 10, 24, 9, 0, 0);
export const LIGHT_HASH_COST = { memoryKiB: 1024, passes: 1, parallelism: 1 } as const;
export const C = DEMO.contractId;
export const SERIAL = { hw1: '10000000000011', hw2: '10000000000012', hw3: '10000000000013', hw1b: '10000000000014', sw: '20000000000001' } as const;
const ADMIN = { actor: 'admin:test', ip: 'test' } as const;

export interface UserApp {
  readonly deps: DomainDeps;
  readonly app: FastifyInstance;
  readonly clock: { nowMs: number; advance(ms: number): void };
  readonly accountId: number;
  /** Another server instance: its own Store and app on the same database, the same key and clock. */
  instance(): Promise<FastifyInstance>;
  otp(serial: string, atMs?: number): Promise<string>;
  /** A code that is certainly wrong now. */
  wrongOtp(serial: string): Promise<string>;
  /** Registers the token as the administrator does (per user, or shared when loginId is null); the clock moves on one step. */
  register(loginId: string | null, serial: string): Promise<void>;
  balance(): Promise<bigint>;
  history(): Promise<LedgerEntryRecord[]>;
  audit(): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * `logStream`/`metrics`: the app logs into the stream, and the metrics watch the first instance's store.
 * `sqliteVerifyWriter`: the first store as a serving process opens it (a SQLite file: the verify writer's thread).
 */
export type UserAppOptions = Pick<AppOptions, 'logStream' | 'metrics'> & { readonly sqliteVerifyWriter?: boolean };

async function buildApp(deps: DomainDeps, options: UserAppOptions = {}): Promise<FastifyInstance> {
  const app = createApp(deps, { secureCookies: false, logger: options.logStream !== undefined, ...options });
  await app.ready();
  return app;
}

export async function setupUserApp(url = ':memory:', options: UserAppOptions = {}): Promise<UserApp> {
  const clock = { nowMs: T0_MS, advance(ms: number): void { clock.nowMs += ms; } };
  const masterKey = randomBytes(32);
  const keyring = createKeyring(masterKey);
  const auditKeys = deriveAuditKeys(masterKey);
  const metrics = options.metrics;
  const { sqliteVerifyWriter, ...appOptions } = options;
  const stores: Store[] = [await openStore(url, { auditKeys, sqliteVerifyWriter: sqliteVerifyWriter === true, ...(metrics === undefined ? {} : { observer: metrics }) })];
  const apps: FastifyInstance[] = [];
  const first = stores[0] as Store;
  const deps: DomainDeps = { store: metrics === undefined ? first : observeStore(first, (e, ms) => metrics.committed(e, ms)), keyring, now: () => clock.nowMs, hashCost: LIGHT_HASH_COST };
  if (!(await loadDemoData(deps))) throw new Error('the test database was not empty');
  apps.push(await buildApp(deps, appOptions));
  const accountId = (await deps.store.transaction((tx) => tx.accounts.list(C)))[0]?.id ?? 0;

  const otp = async (serial: string, atMs = clock.nowMs): Promise<string> => {
    const token = await deps.store.transaction((tx) => tx.tokens.get(serial));
    if (token === undefined || token.params.type !== 'totp') throw new Error(`no TOTP token ${serial}`);
    return totp(hmacKey(keyring.open(serial, token.sealed)), atMs, token.params);
  };
  return {
    deps,
    app: apps[0] as FastifyInstance,
    clock,
    accountId,
    async instance() {
      const store = await openStore(url, { auditKeys });
      stores.push(store);
      const app = await buildApp({ ...deps, store });
      apps.push(app);
      return app;
    },
    otp,
    async wrongOtp(serial) {
      const right = await otp(serial);
      return right.slice(0, -1) + String((Number(right.at(-1)) + 1) % 10);
    },
    async register(loginId, serial) {
      const r = await registerToken(deps, ADMIN, { contractId: C, form: loginId === null ? 'shared' : 'per_user', loginId, serial, otp: await otp(serial), confirmPin: DEMO.confirmPin });
      if (!r.ok) throw new Error(`registration failed: ${r.code}`);
      clock.advance(60_000); // past the registration's step for 30 s and 60 s tokens alike
    },
    balance: async () => (await deps.store.transaction((tx) => tx.accounts.get(accountId)))?.balanceYen ?? -1n,
    history: () => deps.store.transaction((tx) => tx.ledger.history(C, 1000)),
    audit: () => deps.store.transaction((tx) => tx.audit.entries(C)),
    async close() {
      for (const app of apps) await app.close();
      for (const store of stores) await store.close();
    },
  };
}
