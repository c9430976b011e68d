// Group commit for SQLite. With synchronous=FULL every COMMIT waits for the disk (~0.3 ms here), which caps
// one connection at a few thousand commits a second however fast the work itself is. Transactions that
// arrive while one is running wait in line; the next group runs them one after another inside ONE
// BEGIN IMMEDIATE … COMMIT, each in a SAVEPOINT of its own, and settles each caller only after that single
// COMMIT is durable. A transaction that throws is rolled back to its savepoint alone; its neighbours are
// unaffected. To every caller this is exactly the serial execution the plain queue gave (each one sees the
// effects of those before it), with one disk sync per group instead of one per transaction.

import type { DatabaseSync } from 'node:sqlite';

/** Bounds a group so that the first caller in it does not wait behind an unbounded line. */
export const MAX_GROUP = 64;

/** Turns of the event loop a group waits for company before committing. */
export const GATHER_TURNS = 1;

export type GroupTask = () => Promise<unknown>;

interface Pending {
  readonly task: GroupTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once every transaction submitted so far has settled. */
  drained(): Promise<void>;
}

/** `onCommitted(size)` hears each group's size after its COMMIT (a metric's hook; it must not throw). */
export function createGroupCommitter(db: Pick<DatabaseSync, 'exec' | 'isTransaction'>, onCommitted?: (size: number) => void): GroupCommitter {
  const waiting: Pending[] = [];
  let running: Promise<void> | null = null;

  /** Ends the group without committing: what ran is lost, so its callers hear `error`; what did not run waits again. */
  function abandon(group: Pending[], ran: number, error: unknown): void {
    if (db.isTransaction) db.exec('ROLLBACK');
    for (const p of group.slice(0, ran)) p.reject(error);
    waiting.unshift(...group.slice(ran));
  }

  async function runGroup(group: Pending[]): Promise<void> {
    const outcomes: Outcome[] = [];
    // IMMEDIATE takes the write lock now: a deferred transaction that reads first and writes later can
    // fail with SQLITE_BUSY_SNAPSHOT under WAL when another process wrote in between.
    db.exec('BEGIN IMMEDIATE');
    // Late arrivals join this group while it runs, up to MAX_GROUP: under load groups grow by themselves.
    let gathered = 0;
    for (let i = 0; i < group.length; i++) {
      const p = group[i]!;
      db.exec('SAVEPOINT bizotp_tx');
      try {
        outcomes.push({ ok: true, value: await p.task() });
        db.exec('RELEASE bizotp_tx');
      } catch (error) {
        // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction, the work of
        // the tasks before this one included; statements after it would each commit on their own.
        if (!db.isTransaction) return abandon(group, i + 1, error);
        db.exec('ROLLBACK TO bizotp_tx');
        db.exec('RELEASE bizotp_tx');
        outcomes[i] = { ok: false, error };
      }
      if (i === group.length - 1 && group.length < MAX_GROUP) {
        // A transaction runs within one turn of the event loop (node:sqlite is synchronous), so requests
        // still being read from their sockets cannot have joined yet: give them one turn before the COMMIT.
        if (waiting.length === 0 && gathered < GATHER_TURNS) {
          gathered++;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (waiting.length > 0) group.push(...waiting.splice(0, MAX_GROUP - group.length));
      }
    }
    db.exec('COMMIT');
    onCommitted?.(group.length);
    group.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, MAX_GROUP);
        try {
          await runGroup(group);
        } catch (error) {
          // BEGIN, SAVEPOINT, ROLLBACK TO or COMMIT failed: nothing of this group is committed.
          try {
            if (db.isTransaction) db.exec('ROLLBACK');
          } finally {
            for (const p of group) p.reject(error); // no-op for callers already settled
          }
        }
      }
    } finally {
      running = null;
    }
  }

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ task, resolve: resolve as (v: unknown) => void, reject });
        running ??= drain();
      });
    },
    drained(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}
