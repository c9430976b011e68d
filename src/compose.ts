// Builds the domain's dependencies from the configuration and a clock; main.ts (which makes the system
// clock), the scripts and the benchmarks share it.

import type { Config } from './config.ts';
import type { DomainDeps } from './domain/deps.ts';
import { deriveAuditKeys } from './domain/audit-keys.ts';
import { DEFAULT_ARGON2_COST } from './domain/password-hash.ts';
import { createKeyring } from './domain/secret-box.ts';
import { openStore } from './store/open-store.ts';

export async function openDeps(config: Config, now: () => number): Promise<DomainDeps> {
  // The audit keys come from the master key material, so the database alone cannot forge its own log.
  const store = await openStore(config.databaseUrl, { auditKeys: deriveAuditKeys(config.masterKey, config.previousMasterKeys) });
  return { store, keyring: createKeyring(config.masterKey, config.previousMasterKeys), now, hashCost: DEFAULT_ARGON2_COST };
}
