// Lets a test commit other transactions between two transactions of one use of the system, or change a row
// inside a transaction right after the domain read it, as a concurrent request could have done in that gap.

import type { Store, StoreTx } from '../../src/domain/store-ports.ts';

/**
 * The store, except that `between` runs (on the real store) just before its transaction number
 * `afterCount + 1` starts, and `inside` may wrap the tx that transaction gets.
 */
export function interleave(store: Store, afterCount: number, between: () => Promise<void>, inside: (tx: StoreTx) => StoreTx = (tx) => tx): Store {
  let started = 0;
  return {
    dialect: store.dialect,
    close: () => store.close(),
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      started += 1;
      if (started !== afterCount + 1) return store.transaction(fn);
      await between();
      return store.transaction((tx) => fn(inside(tx)));
    },
  };
}
