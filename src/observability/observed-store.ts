// A Store that reports, after each COMMIT, the audit entries its transaction wrote and how long the
// transaction took. Rolled-back work is never reported: a metric counts only what happened.

import type { AuditEntry, Store, StoreTx } from '../domain/store-ports.ts';

export type CommittedListener = (entries: readonly AuditEntry[], durationMs: number) => void;

export function observeStore(store: Store, onCommitted: CommittedListener, clockMs: () => number = () => performance.now()): Store {
  return {
    dialect: store.dialect,
    close: () => store.close(),
    ...(store.pendingMigrations === undefined ? {} : { pendingMigrations: () => store.pendingMigrations?.() ?? Promise.resolve([]) }),
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      const startedMs = clockMs();
      let entries: AuditEntry[] = [];
      const result = await store.transaction((tx) => {
        // A retried callback (none today) starts with an empty list.
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
      try {
        onCommitted(entries, clockMs() - startedMs);
      } catch {
        // A metric must never turn a committed answer into an error.
      }
      return result;
    },
  };
}
