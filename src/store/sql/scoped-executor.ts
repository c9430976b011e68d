// An executor that works only while its transaction is open. A repository reference kept past commit
// would otherwise write outside any transaction (PostgreSQL: on a pooled client someone else now uses;
// SQLite: inside whichever transaction runs next).
import type { SqlExecutor, SqlRow, SqlValue } from './sql-executor.ts';

export interface ScopedExecutor {
  readonly executor: SqlExecutor;
  /** Called when the transaction commits or rolls back; later calls reject. */
  end(): void;
}

export function scopeExecutor(inner: SqlExecutor): ScopedExecutor {
  let open = true;
  const check = (): void => {
    if (!open) throw new Error('the transaction has ended: its store objects cannot be used any more');
  };
  return {
    executor: {
      dialect: inner.dialect,
      async all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
        check();
        return inner.all<T>(sql, params);
      },
      async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
        check();
        return inner.run(sql, params);
      },
      async exec(script: string): Promise<void> {
        check();
        return inner.exec(script);
      },
    },
    end(): void {
      open = false;
    },
  };
}
