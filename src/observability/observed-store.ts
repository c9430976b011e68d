// A Store that reports, after each COMMIT, the audit entries its transaction wrote and how long the
// transaction took. Rolled-back work is never reported: a metric counts only what happened.

import type { HotVerifyPort } from '../domain/hot-verify-ports.ts';
import type { AuditEntry, Store, StoreTx } from '../domain/store-ports.ts';

export type CommittedListener = (entries: readonly AuditEntry[], durationMs: number) => void;

export function observeStore(store: Store, onCommitted: CommittedListener, clockMs: () => number = () => performance.now()): Store {
  return {
    dialect: store.dialect,
    close: () => store.close(),
    ...(store.pendingMigrations === undefined ? {} : { pendingMigrations: () => store.pendingMigrations?.() ?? Promise.resolve([]) }),
    // A read commits nothing, so there is nothing to report.
    ...(store.read === undefined ? {} : { read: store.read.bind(store) }),
    ...(store.hotVerify === undefined ? {} : { hotVerify: observedHotVerify(store.hotVerify) }),
    transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return observed(store.transaction.bind(store), fn);
    },
    groupedTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return observed(store.groupedTransaction?.bind(store) ?? store.transaction.bind(store), fn);
    },
  };

  // The verify API's one-statement commits (bank-verify-fast.ts) are reported as transactions are: their
  // entries once committed, nothing for a batch that wrote nothing.
  function observedHotVerify(port: HotVerifyPort): HotVerifyPort {
    return {
      auditKeys: port.auditKeys,
      read: port.read.bind(port),
      async commit(batch) {
        const startedMs = clockMs();
        const outcome = await port.commit(batch);
        if (outcome.kind === 'committed') report(batch.items.map((item) => item.entry), clockMs() - startedMs);
        return outcome;
      },
    };
  }

  function report(entries: readonly AuditEntry[], durationMs: number): void {
    try {
      onCommitted(entries, durationMs);
    } catch {
      // A metric must never turn a committed answer into an error.
    }
  }

  async function observed<T>(within: (body: (tx: StoreTx) => Promise<T>) => Promise<T>, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const startedMs = clockMs();
    let entries: AuditEntry[] = [];
    const result = await within((tx) => {
      // A retried callback (a grouped transaction after a deadlock) starts with an empty list.
      entries = [];
      const audit: StoreTx['audit'] = {
        ...tx.audit,
        append: async (entry: AuditEntry): Promise<void> => {
          await tx.audit.append(entry);
          entries.push(entry);
        },
      };
      return fn({ ...tx, audit });
    });
    report(entries, clockMs() - startedMs);
    return result;
  }
}
