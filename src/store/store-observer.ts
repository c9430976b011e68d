// What the store reports about itself to whoever watches (the composition root hands in the metrics):
// plain callbacks, so the store depends on no metrics library.

/** A PostgreSQL pool's connections at one moment. */
export interface PoolUsage {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** CPU time one of the store's own threads has used since it started, in microseconds (as process.cpuUsage). */
export interface ThreadCpu {
  /** A fixed word: `verify_reader`, `verify_writer`. */
  readonly thread: string;
  /** Which start of it (worker.threadId): a thread started again after a failure has a new one. */
  readonly instance: number;
  readonly userMicros: number;
  readonly systemMicros: number;
}

export interface StoreObserver {
  /** SQLite: a group commit made durable `size` transactions with one COMMIT. */
  groupCommitted?(size: number): void;
  /** PostgreSQL: called once at open with a reader of the pool's usage, read when metrics are collected. */
  watchPool?(read: () => PoolUsage): void;
  /**
   * SQLite serving processes: called once at open with a reader of the CPU the verify writer's threads have
   * used, read when metrics are collected. A thread not started yet is left out; one started again counts
   * from zero under a new instance. What a thread used between the last reading and its end is not counted.
   */
  watchThreads?(read: () => Promise<readonly ThreadCpu[]>): void;
}
