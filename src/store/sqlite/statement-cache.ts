// Prepared statements by SQL text. Preparing is a large share of a small statement's cost, and the
// repositories send the same few texts over and over; the bound keeps dynamic texts (IN lists, batch
// inserts of odd sizes) from growing the map without limit.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

const MAX_STATEMENTS = 256;

export interface StatementCache {
  prepare(sql: string): StatementSync;
}

export function createStatementCache(db: DatabaseSync): StatementCache {
  const statements = new Map<string, StatementSync>();
  return {
    prepare(sql: string): StatementSync {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;
      const statement = db.prepare(sql);
      // Integers come back as bigint so 64-bit counters stay exact; row.ts narrows the small ones to number.
      statement.setReadBigInts(true);
      if (statements.size >= MAX_STATEMENTS) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
