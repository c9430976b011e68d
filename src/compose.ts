// Builds the domain's dependencies from the configuration and a clock; main.ts (which makes the system
// clock), the scripts and the benchmarks share it.

import { ConfigError, MISSING_KEY_MESSAGE, type Config } from './config.ts';
import type { DomainDeps } from './domain/deps.ts';
import { deriveAuditKeys } from './domain/audit-keys.ts';
import { DEFAULT_ARGON2_COST } from './domain/password-hash.ts';
import { createKeyring } from './domain/secret-box.ts';
import { openStore, type SchemaPolicy } from './store/open-store.ts';
import { SERVING_PAGE_CACHE_KIB } from './store/sqlite/open-sqlite-database.ts';
import type { Metrics } from './observability/metrics.ts';
import { observeStore } from './observability/observed-store.ts';

export interface OpenDepsOptions {
  /** 'migrate' (the default, for scripts and tests) or 'require-current' (what `serve` and most verbs use). */
  readonly schema?: SchemaPolicy;
  /** The instance's metrics: told of group commits, pool usage and every committed transaction's audit entries. */
  readonly metrics?: Metrics;
  /** A serving process (serve, start): SQLite gets the page cache of SERVING_PAGE_CACHE_KIB and the verify writer's thread. */
  readonly serving?: boolean;
}

export async function openDeps(config: Config, now: () => number, options: OpenDepsOptions = {}): Promise<DomainDeps> {
  if (config.masterKey === null) throw new ConfigError(MISSING_KEY_MESSAGE);
  const keyring = createKeyring(config.masterKey, config.previousMasterKeys);
  const pg = config.postgres;
  const opened = await openStore(config.databaseUrl, {
    schema: options.schema ?? 'migrate',
    ...(options.serving === true ? { sqlitePageCacheKiB: SERVING_PAGE_CACHE_KIB, sqliteVerifyWriter: true } : {}),
    ...(options.metrics === undefined ? {} : { observer: options.metrics }),
    // The audit keys come from the master key material, so the database alone cannot forge its own log.
    auditKeys: deriveAuditKeys(config.masterKey, config.previousMasterKeys),
    ...(pg === undefined
      ? {}
      : { poolSize: pg.poolSize, statementTimeoutMs: pg.statementTimeoutMs, lockTimeoutMs: pg.lockTimeoutMs, idleInTransactionTimeoutMs: pg.idleInTransactionTimeoutMs, groupCommit: pg.groupCommit === true }),
  });
  const metrics = options.metrics;
  const store = metrics === undefined ? opened : observeStore(opened, (entries, ms) => metrics.committed(entries, ms));
  return { store, keyring, now, hashCost: DEFAULT_ARGON2_COST };
}
