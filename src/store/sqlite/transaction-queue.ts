// SQLite has one writer at a time, and node:sqlite gives us one synchronous connection shared by every
// request. Transactions therefore run one after another through this FIFO promise chain: a waiting
// transaction costs a pending promise, never a spin or a blocked event loop. (Batching many OTP
// consumptions into one transaction — group commit — is the planned way to make synchronous=FULL fast; it
// would sit in front of this queue.)

export interface TransactionQueue {
  /** Runs `task` after every task enqueued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once every task enqueued so far has settled. */
  drained(): Promise<void>;
}

export function createTransactionQueue(): TransactionQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // One failed transaction must not stop the ones queued behind it.
      tail = result.then(() => undefined, () => undefined);
      return result;
    },
    drained(): Promise<void> {
      return tail;
    },
  };
}
