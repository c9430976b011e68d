// The server's reservation runner: a timer that runs the due reservations (run-due-reservations.ts) every
// interval, and with them the purge of app soft tokens nobody will use (soft-token/purge-soft-tokens.ts). Started by `bizotp serve` (main.ts) with the system clock; tests drive `runOnce` with a pinned one
// instead of starting it. Every instance may run one: each reservation is still executed exactly once.

import { hostname } from 'node:os';
import type { DomainDeps } from './domain/deps.ts';
import { runDueReservations, type RunDueCounts } from './domain/run-due-reservations.ts';
import { purgeSoftTokens, SCHEDULED_PURGER, type PurgeCounts } from './domain/soft-token/purge-soft-tokens.ts';

export const RESERVATION_INTERVAL_MS = 60_000;

export interface ReservationScheduler {
  /** One run now; a run already going on is awaited rather than doubled. */
  runOnce(): Promise<RunDueCounts>;
  /** One purge of unused app soft tokens now; one already going on is awaited rather than doubled. */
  purgeOnce(): Promise<PurgeCounts>;
  start(): void;
  stop(): void;
}

export interface SchedulerOptions {
  readonly intervalMs?: number;
  readonly runnerId?: string;
  /** Where a failed run is reported (the run is retried at the next interval). */
  readonly onError?: (err: unknown) => void;
  /** Told the counts of each run the timer started. */
  readonly onRun?: (counts: RunDueCounts) => void;
  /** Told the counts of each soft-token purge the timer started. */
  readonly onPurge?: (counts: PurgeCounts) => void;
  /** Where a failed purge is reported (retried at the next interval); `onError` when absent. */
  readonly onPurgeError?: (err: unknown) => void;
}

export function createReservationScheduler(deps: DomainDeps, opts: SchedulerOptions = {}): ReservationScheduler {
  const runnerId = opts.runnerId ?? `server:${hostname()}:${process.pid}`;
  const intervalMs = opts.intervalMs ?? RESERVATION_INTERVAL_MS;
  let running: Promise<RunDueCounts> | undefined;
  let purging: Promise<PurgeCounts> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = (): Promise<RunDueCounts> => {
    running ??= runDueReservations(deps, { runnerId }).finally(() => {
      running = undefined;
    });
    return running;
  };
  const purgeOnce = (): Promise<PurgeCounts> => {
    purging ??= purgeSoftTokens(deps, SCHEDULED_PURGER).finally(() => {
      purging = undefined;
    });
    return purging;
  };
  return {
    runOnce,
    purgeOnce,
    start(): void {
      if (timer !== undefined) return;
      const tick = (): void => {
        runOnce().then(
          (counts) => opts.onRun?.(counts),
          (err: unknown) => opts.onError?.(err),
        );
        purgeOnce().then(
          (counts) => opts.onPurge?.(counts),
          (err: unknown) => (opts.onPurgeError ?? opts.onError)?.(err),
        );
      };
      // At once (what fell due while no server ran), then every interval.
      tick();
      timer = setInterval(tick, intervalMs);
      // The timer alone does not keep the process alive: the server does.
      timer.unref();
    },
    stop(): void {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
