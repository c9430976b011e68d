// Checking a slow-hashed secret (a password or a PIN) under a lockout (NIST 800-63B §5.2.2).
//
// The hash is evaluated OUTSIDE any transaction: Argon2id takes tens of milliseconds and must not hold a
// row lock or SQLite's single writer. Then ONE transaction reserves the attempt with the conditional
// increment (`failures + 1 WHERE failures < max`), and in that same transaction either resets the count
// (correct) or leaves it counted (wrong), and writes the attempt's audit entry (ASVS 4.0.3 7.1.3: the
// record commits with what it records). However many guesses arrive in parallel, at most `max` of them
// are ever answered "wrong"; every other one is answered "locked", whatever it was. A secret already
// locked is not evaluated at all, so a locked account costs no hashing.
//
// With a `delay` (logins), a wrong attempt also sets the row's not-before time (policy.ts loginDelayMs) and
// `reserve` refuses attempts before it in the same conditional UPDATE: a burst of guesses is answered
// "try again in N seconds" instead of reaching the lock, and costs no hashing either.

import type { Store, StoreTx } from './store-ports.ts';
import { verifySecret } from './password-hash.ts';

export type SecretCheck<R> =
  | { readonly kind: 'correct'; readonly record: R }
  | { readonly kind: 'wrong'; readonly record: R }
  | { readonly kind: 'locked' }
  | { readonly kind: 'delayed'; readonly retryAfterSeconds: number }
  | { readonly kind: 'unknown' };

export type AttemptOutcome = 'correct' | 'wrong' | 'locked' | 'delayed';

/** The progressive delay of a login: when the next attempt may be reserved, and how to postpone it. */
export interface AttemptDelay<R> {
  readonly nowMs: number;
  notBeforeOf(record: R): number;
  /** The wait after this many consecutive failures (0: none). */
  delayMsAfter(record: R): number;
  /** Stores the not-before time, under the row lock `reserve` took. */
  postpone(tx: StoreTx, untilMs: number): Promise<void>;
}

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
  /** Logins only; `reserve` must then refuse before `notBeforeOf` (checked in its conditional UPDATE). */
  readonly delay?: AttemptDelay<R>;
}

function waitSeconds<R>(delay: AttemptDelay<R>, record: R): number {
  return Math.max(1, Math.ceil((delay.notBeforeOf(record) - delay.nowMs) / 1000));
}

function isDelayed<R>(delay: AttemptDelay<R> | undefined, record: R): delay is AttemptDelay<R> {
  return delay !== undefined && delay.notBeforeOf(record) > delay.nowMs;
}

export async function checkSecretWithLockout<R>(store: Store, spec: LockedSecret<R>, secret: string): Promise<SecretCheck<R>> {
  const current = await store.transaction((tx) => spec.peek(tx));
  if (current === undefined) return { kind: 'unknown' };
  if (spec.isLocked(current)) {
    await store.transaction((tx) => spec.audit(tx, 'locked', current));
    return { kind: 'locked' };
  }
  if (isDelayed(spec.delay, current)) {
    await store.transaction((tx) => spec.audit(tx, 'delayed', current));
    return { kind: 'delayed', retryAfterSeconds: waitSeconds(spec.delay, current) };
  }
  const correct = await verifySecret(secret, spec.hashOf(current));
  return store.transaction(async (tx): Promise<SecretCheck<R>> => {
    const reserved = await spec.reserve(tx);
    if (reserved === undefined) {
      // Refused by the conditional UPDATE: a wrong attempt that committed meanwhile set a delay, or the lock.
      const now = spec.delay === undefined ? undefined : await spec.peek(tx);
      if (now !== undefined && !spec.isLocked(now) && isDelayed(spec.delay, now)) {
        await spec.audit(tx, 'delayed', now);
        return { kind: 'delayed', retryAfterSeconds: waitSeconds(spec.delay, now) };
      }
      await spec.audit(tx, 'locked', undefined);
      return { kind: 'locked' };
    }
    // A secret changed since it was read is not the one that was checked: count the attempt as wrong.
    if (!correct || spec.hashOf(reserved) !== spec.hashOf(current)) {
      const waitMs = spec.delay?.delayMsAfter(reserved) ?? 0;
      if (spec.delay !== undefined && waitMs > 0) await spec.delay.postpone(tx, spec.delay.nowMs + waitMs);
      await spec.audit(tx, 'wrong', reserved);
      return { kind: 'wrong', record: reserved };
    }
    await spec.reset(tx);
    await spec.audit(tx, 'correct', reserved);
    return { kind: 'correct', record: reserved };
  });
}
