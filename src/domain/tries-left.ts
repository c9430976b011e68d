// 「あと2回誤るとロックされます。」: how many more wrong values a locked-out secret takes before it locks,
// computed from the failure count the conditional increment returned (lockout.ts), never from a second read.

/** Wrong values still allowed before the lock; 0 when this one locked it. */
export function triesLeft(failuresAfterAttempt: number, maxFailures: number): number {
  return Math.max(0, maxFailures - failuresAfterAttempt);
}

/** A failure that also says how many tries remain (only on a wrong value, never on a locked one). */
export interface TriesLeft {
  readonly triesLeft?: number;
}
