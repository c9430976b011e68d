// 「あと2回誤るとロックされます。」: how many more wrong values a locked-out secret takes before it locks,
// computed from the failure count the conditional increment returned (lockout.ts) wherever the check
// returns it.

import { MAX_USER_CONFIRM_PIN_FAILURES } from './payment-policy.ts';
import { MAX_CONFIRM_PIN_FAILURES } from './policy.ts';
import type { Store } from './store-ports.ts';

/** Wrong values still allowed before the lock; 0 when this one locked it. */
export function triesLeft(failuresAfterAttempt: number, maxFailures: number): number {
  return Math.max(0, maxFailures - failuresAfterAttempt);
}

/** A failure that also says how many tries remain (only on a wrong value, never on a locked one). */
export interface TriesLeft {
  readonly triesLeft?: number;
}

/**
 * For screens whose PIN check (confirm-pin.ts, user-confirm-pin.ts) reports only "wrong": the tries left as
 * the count stands just after that wrong PIN, read at once. A parallel attempt in between can make it one
 * lower than this request's own count; it is never higher than the truth.
 */
export async function confirmPinTriesLeft(store: Store, contractId: string): Promise<number | undefined> {
  const contract = await store.transaction((tx) => tx.contracts.get(contractId));
  return contract === undefined ? undefined : triesLeft(contract.confirmPinFailures, MAX_CONFIRM_PIN_FAILURES);
}

export async function userConfirmPinTriesLeft(store: Store, contractId: string, loginId: string): Promise<number | undefined> {
  const failures = await store.transaction((tx) => tx.userPins.failures(contractId, loginId));
  return failures === undefined ? undefined : triesLeft(failures, MAX_USER_CONFIRM_PIN_FAILURES);
}
