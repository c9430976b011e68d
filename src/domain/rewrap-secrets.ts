// Re-seals every secret under the current master key so an old key can be retired (NIST SP 800-57 Pt 1
// §5.3: a key's originator-usage period ends; data under it moves to the new key). Online: each batch is one
// short transaction whose UPDATEs are conditional on the blob read, so a token used or re-imported meanwhile
// is never overwritten with a stale copy. Resumable: a secret already under the current key is never read.

import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { SEALED_SECRET_KINDS, type SealedSecretKind } from './sealed-secret-ports.ts';

export const REWRAP_BATCH_SIZE = 500;

export interface RewrapBatch {
  readonly kind: SealedSecretKind;
  readonly rewrapped: number;
  /** Rows changed by someone else between read and update: left for the next run. */
  readonly changed: number;
  /** The last id of the batch, where the next one starts; null when nothing was left. */
  readonly lastId: string | null;
}

/** One transaction: up to `batchSize` secrets of `kind` after `afterId` re-sealed, with one audit entry. */
export async function rewrapBatch(deps: DomainDeps, who: Actor, kind: SealedSecretKind, afterId: string, batchSize = REWRAP_BATCH_SIZE): Promise<RewrapBatch> {
  const { keyring } = deps;
  return deps.store.transaction(async (tx) => {
    const rows = await tx.sealedSecrets.notSealedUnder(kind, keyring.currentKeyId, afterId, batchSize);
    let rewrapped = 0;
    for (const row of rows) {
      const plain = keyring.open(row.id, row.sealed);
      const next = keyring.seal(row.id, plain);
      plain.fill(0);
      if (await tx.sealedSecrets.replace(kind, row.id, row.sealed, next)) rewrapped += 1;
    }
    const lastId = rows.at(-1)?.id ?? null;
    if (rows.length > 0) {
      await appendAudit(tx, deps.now(), {
        chain: BANK_CHAIN,
        ...who,
        action: 'keys.rewrap',
        target: `${kind}:${rows[0]?.id ?? ''}..${lastId ?? ''}`,
        outcome: 'ok',
        detail: { toKeyId: keyring.currentKeyId, rewrapped, changed: rows.length - rewrapped },
      });
    }
    return { kind, rewrapped, changed: rows.length - rewrapped, lastId };
  });
}

export interface RewrapTotals {
  readonly rewrapped: number;
  readonly changed: number;
}

/** Every kind, batch after batch, until none is left; `onBatch` reports progress. */
export async function rewrapAll(deps: DomainDeps, who: Actor, onBatch: (batch: RewrapBatch) => void = () => {}, batchSize = REWRAP_BATCH_SIZE): Promise<RewrapTotals> {
  let rewrapped = 0;
  let changed = 0;
  for (const kind of SEALED_SECRET_KINDS) {
    let afterId = '';
    for (;;) {
      const batch = await rewrapBatch(deps, who, kind, afterId, batchSize);
      if (batch.lastId === null) break;
      onBatch(batch);
      rewrapped += batch.rewrapped;
      changed += batch.changed;
      afterId = batch.lastId;
    }
  }
  return { rewrapped, changed };
}
