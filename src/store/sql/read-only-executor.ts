// The executor of a read (SqlDatabase.withRead): it runs outside any transaction, so a write through it
// would commit on its own, statement by statement. It refuses every statement that is not a SELECT.
import type { SqlExecutor, SqlRow, SqlValue } from './sql-executor.ts';

const SELECT = /^\s*SELECT\s/i;

export function readOnlyExecutor(inner: SqlExecutor): SqlExecutor {
  const refuse = (sql: string): Error => new Error(`a read runs SELECTs only, not: ${sql.trim().slice(0, 40)}`);
  return {
    dialect: inner.dialect,
    async all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      if (!SELECT.test(sql)) throw refuse(sql);
      return inner.all<T>(sql, params);
    },
    async run(sql: string): Promise<number> {
      throw refuse(sql);
    },
    async exec(script: string): Promise<void> {
      throw refuse(script);
    },
  };
}
