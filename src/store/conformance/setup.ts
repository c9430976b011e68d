// Each case opens its own empty store (no order dependence) and closes it when the case ends.
import type { TestContext } from 'node:test';
import type { Store, StoreTx } from '../../domain/store-ports.ts';
import type { NewToken } from '../../domain/token.ts';
import { aContract, aToken } from './fixtures.ts';

export type OpenStore = () => Promise<Store>;

export interface Setup {
  readonly store: Store;
  /** One transaction. */
  tx<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Inserts contracts with these ids. */
  contracts(...ids: string[]): Promise<void>;
  /** Inserts one token (its contract must exist) and returns what was inserted. */
  token(serial: string, overrides?: Partial<NewToken>): Promise<NewToken>;
  /** `count` copies of `fn` started at once, each in its own transaction; their results in order. */
  parallel<T>(count: number, fn: (tx: StoreTx, index: number) => Promise<T>): Promise<T[]>;
  /**
   * A meeting point for parallel transactions: on PostgreSQL the first callers wait there until
   * MEETING_SIZE have arrived, so what they do next really overlaps and a check-then-set race shows itself
   * every run instead of by luck of timing. SQLite runs one transaction at a time (there is nothing to
   * overlap), so it returns at once. Call it only before taking a row lock, or the others could never
   * arrive; the store needs at least MEETING_SIZE connections.
   */
  overlap(): () => Promise<void>;
}

const MEETING_SIZE = 4;
const OVERLAP_TIMEOUT_MS = 5000;

function meetingPoint(dialect: Store['dialect']): () => Promise<void> {
  if (dialect === 'sqlite') return () => Promise.resolve();
  let arrived = 0;
  let release: () => void = () => {};
  const together = new Promise<void>((resolve) => { release = resolve; });
  return () => {
    if (++arrived >= MEETING_SIZE) release();
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(reject, OVERLAP_TIMEOUT_MS, new Error(`fewer than ${MEETING_SIZE} transactions ran at once: are they serialised?`)).unref();
    });
    return Promise.race([together, timeout]);
  };
}

export async function setup(t: TestContext, open: OpenStore): Promise<Setup> {
  const store = await open();
  t.after(() => store.close());
  const tx = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => store.transaction(fn);
  return {
    store,
    tx,
    async contracts(...ids: string[]): Promise<void> {
      await tx(async (s) => {
        for (const id of ids) await s.contracts.insert(aContract(id));
      });
    },
    async token(serial: string, overrides: Partial<NewToken> = {}): Promise<NewToken> {
      const token = aToken(serial, overrides);
      const existing = await tx((s) => s.tokens.insertBatch([token]));
      if (existing.length > 0) throw new Error(`fixture token ${serial} already exists`);
      return token;
    },
    parallel<T>(count: number, fn: (tx: StoreTx, index: number) => Promise<T>): Promise<T[]> {
      return Promise.all(Array.from({ length: count }, (_, i) => tx((s) => fn(s, i))));
    },
    overlap(): () => Promise<void> {
      return meetingPoint(store.dialect);
    },
  };
}
