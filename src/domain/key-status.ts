// Which master keys the stored secrets need: counts per key id, configured keys nothing uses any more (safe
// to retire), and key ids in use that no configured key opens (start-up refuses: those secrets are dark).

import type { DomainDeps } from './deps.ts';
import type { SealedSecretCount } from './sealed-secret-ports.ts';

export interface KeyStatus {
  readonly currentKeyId: string;
  readonly counts: readonly SealedSecretCount[];
  /** Configured key ids (current first) that seal nothing: a previous one of them may be removed. */
  readonly unused: readonly string[];
  /** Key ids in use that no configured key has. */
  readonly missing: readonly string[];
}

/** `configuredKeyIds`: the current key's id first, then the previous keys'. */
export async function keyStatus(deps: DomainDeps, configuredKeyIds: readonly string[]): Promise<KeyStatus> {
  const counts = await deps.store.transaction((tx) => tx.sealedSecrets.countByKey());
  const inUse = new Set(counts.map((c) => c.keyId));
  return {
    currentKeyId: deps.keyring.currentKeyId,
    counts,
    unused: configuredKeyIds.filter((id) => !inUse.has(id)),
    missing: [...inUse].filter((id) => !configuredKeyIds.includes(id)).sort(),
  };
}
