// Group commit for PostgreSQL's hot path, as src/store/sqlite/group-commit.ts does for SQLite: short
// transactions that arrive while a group runs wait; the next group runs them one after another on ONE
// connection inside one BEGIN … COMMIT, each in a SAVEPOINT of its own, and settles each caller only after
// that COMMIT returned (synchronous_commit=on: durable). One that throws is rolled back to its savepoint
// alone. Groups of one process never wait for each other's locks: a group starts only once the previous
// one has run all its work (only its COMMIT may still be in flight, on another connection), so a cycle of
// lock waits can only involve another process; PostgreSQL then cancels one statement (40P01), whose work is
// rolled back to its savepoint and run again in a later group.

import type pg from 'pg';
import { queryOn } from './pg-query.ts';

export const PG_MAX_GROUP = 64;
const DEADLOCK = '40P01';
const MAX_RETRIES = 3;

export type PgGroupTask = (client: pg.PoolClient) => Promise<unknown>;

interface Pending {
  readonly task: PgGroupTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  retries: number;
}

export interface PgGroupCommitter {
  run<T>(task: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK;
}

/** `connect` checks a client out of the pool; `release(client, broken)` returns it. */
export function createPgGroupCommitter(connect: () => Promise<pg.PoolClient>, release: (client: pg.PoolClient, broken?: Error) => void, onCommitted?: (size: number) => void): PgGroupCommitter {
  const waiting: Pending[] = [];
  let running = false;

  async function commitGroup(client: pg.PoolClient, group: Pending[], outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown } | null)[]): Promise<void> {
    let broken: Error | undefined;
    try {
      const result = await queryOn(client, 'COMMIT');
      if (result.command !== 'COMMIT') throw new Error('the group transaction was aborted and rolled back');
      onCommitted?.(group.length);
      group.forEach((p, i) => {
        const o = outcomes[i];
        if (o === null || o === undefined) return; // re-queued after a deadlock
        if (o.ok) p.resolve(o.value);
        else p.reject(o.error);
      });
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await queryOn(client, 'ROLLBACK').catch(() => undefined);
      group.forEach((p, i) => { if (outcomes[i] !== null) p.reject(error); });
    } finally {
      release(client, broken);
    }
  }

  /** Runs the group's work; resolves with its COMMIT still in flight (wrapped, so it is not awaited here). */
  async function runGroup(group: Pending[]): Promise<{ readonly committed: Promise<void> }> {
    const deferred: Pending[] = [];
    let client: pg.PoolClient;
    try {
      client = await connect();
    } catch (error) {
      for (const p of group) p.reject(error);
      return { committed: Promise.resolve() };
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown } | null)[] = [];
    try {
      await queryOn(client, 'BEGIN ISOLATION LEVEL READ COMMITTED');
      for (let i = 0; i < group.length; i++) {
        const p = group[i]!;
        await queryOn(client, 'SAVEPOINT bizotp_tx');
        try {
          outcomes.push({ ok: true, value: await p.task(client) });
          await queryOn(client, 'RELEASE SAVEPOINT bizotp_tx');
        } catch (error) {
          await queryOn(client, 'ROLLBACK TO SAVEPOINT bizotp_tx');
          await queryOn(client, 'RELEASE SAVEPOINT bizotp_tx');
          if (isDeadlock(error) && p.retries < MAX_RETRIES) {
            p.retries++;
            outcomes.push(null);
            deferred.push(p);
          } else {
            outcomes.push({ ok: false, error });
          }
        }
        // Late arrivals join while the group runs, up to PG_MAX_GROUP.
        if (i === group.length - 1 && group.length < PG_MAX_GROUP && waiting.length > 0) {
          group.push(...waiting.splice(0, PG_MAX_GROUP - group.length));
        }
      }
    } catch (error) {
      // BEGIN, SAVEPOINT or ROLLBACK TO failed: nothing of this group can commit.
      await queryOn(client, 'ROLLBACK').catch(() => undefined);
      release(client, error instanceof Error ? error : new Error(String(error)));
      group.forEach((p, i) => { if (outcomes[i] !== null) p.reject(error); });
      requeue(deferred);
      return { committed: Promise.resolve() };
    }
    // A task cancelled by a deadlock runs again in a later group, after this one released its locks.
    return { committed: commitGroup(client, group, outcomes).finally(() => requeue(deferred)) };
  }

  function requeue(deferred: Pending[]): void {
    if (deferred.length === 0) return;
    waiting.push(...deferred);
    if (!running) void drain();
  }

  async function drain(): Promise<void> {
    running = true;
    const commits: Promise<void>[] = [];
    try {
      while (waiting.length > 0) {
        // The next group runs while the previous one's COMMIT waits for the disk.
        commits.push((await runGroup(waiting.splice(0, PG_MAX_GROUP))).committed);
      }
    } finally {
      running = false;
    }
    await Promise.all(commits);
  }

  return {
    run<T>(task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ task, resolve: resolve as (v: unknown) => void, reject, retries: 0 });
        if (!running) void drain();
      });
    },
  };
}
