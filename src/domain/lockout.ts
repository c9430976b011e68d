// Checking a slow-hashed secret (a password or a PIN) under a lockout (NIST 800-63B §5.2.2).
//
// The hash is evaluated OUTSIDE any transaction: Argon2id takes tens of milliseconds and must not hold a
// row lock or SQLite's single writer. Then ONE transaction reserves the attempt with the conditional
// increment (`failures + 1 WHERE failures < max`), and in that same transaction either resets the count
// (correct) or leaves it counted (wrong), and writes the attempt's audit entry (ASVS 4.0.3 7.1.3: the
// record commits with what it records). However many guesses arrive in parallel, at most `max` of them
// are ever answered "wrong"; every other one is answered "locked", whatever it was. A secret already
// locked is not evaluated at all, so a locked account costs no hashing.

import type { Store, StoreTx } from './store-ports.ts';
import { verifySecret } from './password-hash.ts';

export type SecretCheck<R> =
  | { readonly kind: 'correct'; readonly record: R }
  | { readonly kind: 'wrong'; readonly record: R }
  | { readonly kind: 'locked' }
  | { readonly kind: 'unknown' };

export type AttemptOutcome = 'correct' | 'wrong' | 'locked';

export interface LockedSecret<R> {
  /** Reads the record as it is; undefined when there is no such account. */
  peek(tx: StoreTx): Promise<R | undefined>;
  isLocked(record: R): boolean;
  /** The conditional increment; undefined when the count had already reached the maximum. */
  reserve(tx: StoreTx): Promise<R | undefined>;
  /** Sets the count back to 0. */
  reset(tx: StoreTx): Promise<void>;
  hashOf(record: R): string;
  /** Writes the attempt's audit entry, inside the transaction that counts or resets it. */
  audit(tx: StoreTx, outcome: AttemptOutcome, record: R | undefined): Promise<void>;
}

export async function checkSecretWithLockout<R>(store: Store, spec: LockedSecret<R>, secret: string): Promise<SecretCheck<R>> {
  const current = await store.transaction((tx) => spec.peek(tx));
  if (current === undefined) return { kind: 'unknown' };
  if (spec.isLocked(current)) {
    await store.transaction((tx) => spec.audit(tx, 'locked', current));
    return { kind: 'locked' };
  }
  const correct = await verifySecret(secret, spec.hashOf(current));
  return store.transaction(async (tx): Promise<SecretCheck<R>> => {
    const reserved = await spec.reserve(tx);
    if (reserved === undefined) {
      await spec.audit(tx, 'locked', undefined);
      return { kind: 'locked' };
    }
    // A secret changed since it was read is not the one that was checked: count the attempt as wrong.
    if (!correct || spec.hashOf(reserved) !== spec.hashOf(current)) {
      await spec.audit(tx, 'wrong', reserved);
      return { kind: 'wrong', record: reserved };
    }
    await spec.reset(tx);
    await spec.audit(tx, 'correct', reserved);
    return { kind: 'correct', record: reserved };
  });
}
