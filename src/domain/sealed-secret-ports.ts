// The store's view of every secret sealed under a master key (secret-box.ts), for key status and re-wrap.
// Each kind names one table's sealed column pair; a new table of sealed secrets adds a kind here and a
// row in src/store/sql/sealed-secrets.ts, and `bizotp keys status/rewrap` covers it.

import type { SealedSecret } from './token.ts';

/** token: a token's seed, sealed with its serial as AAD. */
export const SEALED_SECRET_KINDS = ['token'] as const;
export type SealedSecretKind = (typeof SEALED_SECRET_KINDS)[number];

export interface SealedSecretCount {
  readonly kind: SealedSecretKind;
  readonly keyId: string;
  readonly count: number;
}

export interface SealedSecretRow {
  readonly kind: SealedSecretKind;
  /** The row's id, which is also the secret's AAD label (a token's serial). */
  readonly id: string;
  readonly sealed: SealedSecret;
}

export interface SealedSecretStore {
  /** How many secrets of each kind each key id seals (only kinds and key ids that have rows). */
  countByKey(): Promise<SealedSecretCount[]>;
  /** Up to `limit` secrets of `kind` not sealed under `keyId`, with ids after `afterId`, in id order (keyset). */
  notSealedUnder(kind: SealedSecretKind, keyId: string, afterId: string, limit: number): Promise<SealedSecretRow[]>;
  /**
   * Replaces a secret only if it is still exactly `expected` (key id and blob): a secret changed since it was
   * read (a re-import) is left alone, never overwritten with a stale value. False when it had changed.
   */
  replace(kind: SealedSecretKind, id: string, expected: SealedSecret, next: SealedSecret): Promise<boolean>;
}
