// Checking a slow-hashed secret under a lockout. The attempt is reserved (failures + 1, conditional on
// failures < max) and committed BEFORE the hash is evaluated, so parallel wrong guesses cannot exceed the
// maximum (NIST 800-63B §5.2.2) and no row lock is held during the ~20 ms of Argon2id. The caller resets
// the counter in the transaction of the action the secret authorises.

import type { Store, StoreTx } from './store-ports.ts';
import { verifySecret } from './password-hash.ts';

export type SecretCheck<R> =
  | { readonly kind: 'correct'; readonly record: R }
  | { readonly kind: 'wrong'; readonly record: R }
  | { readonly kind: 'locked' }
  | { readonly kind: 'unknown' };

export async function checkSecretWithLockout<R>(
  store: Store,
  reserve: (tx: StoreTx) => Promise<R | undefined>,
  exists: (tx: StoreTx) => Promise<boolean>,
  hashOf: (record: R) => string,
  secret: string,
): Promise<SecretCheck<R>> {
  const reserved = await store.transaction(async (tx) => {
    const record = await reserve(tx);
    return record === undefined ? { record, exists: await exists(tx) } : { record, exists: true };
  });
  if (reserved.record === undefined) return reserved.exists ? { kind: 'locked' } : { kind: 'unknown' };
  const correct = await verifySecret(secret, hashOf(reserved.record));
  return correct ? { kind: 'correct', record: reserved.record } : { kind: 'wrong', record: reserved.record };
}
