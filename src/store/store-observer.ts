// What the store reports about itself to whoever watches (the composition root hands in the metrics):
// plain callbacks, so the store depends on no metrics library.

/** A PostgreSQL pool's connections at one moment. */
export interface PoolUsage {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface StoreObserver {
  /** SQLite: a group commit made durable `size` transactions with one COMMIT. */
  groupCommitted?(size: number): void;
  /** PostgreSQL: called once at open with a reader of the pool's usage, read when metrics are collected. */
  watchPool?(read: () => PoolUsage): void;
}
