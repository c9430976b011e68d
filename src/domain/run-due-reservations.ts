// One run of the reservation runner: claim the due reservations a batch at a time, with a lease, and execute
// each in its own transaction (execute-reservation.ts). Several runners (server instances, or a bank's own
// scheduler calling `bizotp payments run-due`) may run at once: a claim is one conditional UPDATE, so each
// reservation is executed by exactly one of them; a runner that dies leaves its claims to run out and be
// claimed again.

import type { DomainDeps } from './deps.ts';
import { executeReservation } from './execute-reservation.ts';
import { tokyoDate } from './tokyo-date.ts';

/** Long enough for a batch to execute; a dead runner's reservations wait this long to be taken over. */
export const RESERVATION_LEASE_MS = 5 * 60 * 1000;
export const RESERVATION_BATCH_SIZE = 20;

export interface RunDueOptions {
  readonly runnerId: string;
  readonly leaseMs?: number;
  readonly batchSize?: number;
}

export interface RunDueCounts {
  readonly executed: number;
  readonly failed: number;
  /** Claimed by this runner, then taken over by another after the lease ran out. */
  readonly takenOver: number;
  /** Broke with an error (e.g. the database went away): left to be claimed again when the lease ends. */
  readonly errors: number;
}

export async function runDueReservations(deps: DomainDeps, opts: RunDueOptions): Promise<RunDueCounts> {
  const leaseMs = opts.leaseMs ?? RESERVATION_LEASE_MS;
  const limit = opts.batchSize ?? RESERVATION_BATCH_SIZE;
  const counts = { executed: 0, failed: 0, takenOver: 0, errors: 0 };
  for (;;) {
    const nowMs = deps.now();
    const claimed = await deps.store.transaction((tx) =>
      tx.reservations.claimDue({ today: tokyoDate(nowMs), nowMs, runnerId: opts.runnerId, leaseUntilMs: nowMs + leaseMs, limit }),
    );
    if (claimed.length === 0) return counts;
    for (const r of claimed) {
      try {
        const outcome = await executeReservation(deps, opts.runnerId, r.id);
        if (outcome === 'done') counts.executed += 1;
        else if (outcome === 'failed') counts.failed += 1;
        else counts.takenOver += 1;
      } catch {
        // Rolled back: still executing under this runner's lease, so this run does not claim it again.
        counts.errors += 1;
      }
    }
  }
}
