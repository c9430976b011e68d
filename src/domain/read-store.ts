// Reads that change nothing (a screen's data, a session's check) go through Store.read where the store has
// it: they neither wait behind nor hold up the write transactions and their disk syncs.
import type { Store, StoreTx } from './store-ports.ts';

/** `fn` as a read (SELECTs only) where the store offers one, else in an ordinary transaction. */
export function readStore<T>(store: Store, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return store.read === undefined ? store.transaction(fn) : store.read(fn);
}
