// IdempotencyStore over SQL: the claim is one INSERT … ON CONFLICT DO UPDATE … WHERE (expired) RETURNING;
// when it returns nothing the key is live, and its row (committed: the unique index made us wait) is read.
import type { IdempotencyClaim, IdempotencyStore } from '../../domain/idempotency-ports.ts';
import { text } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

export function createIdempotencyStore(db: SqlExecutor): IdempotencyStore {
  return {
    async claim(apiKeyHash, key, bodyHash, response, nowMs, expiredBeforeMs): Promise<IdempotencyClaim> {
      const taken = await db.all(
        `INSERT INTO api_idempotency AS i (api_key_hash, idempotency_key, body_hash, response, created_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (api_key_hash, idempotency_key) DO UPDATE SET body_hash = excluded.body_hash, response = excluded.response, created_at_ms = excluded.created_at_ms
         WHERE i.created_at_ms < ? RETURNING created_at_ms`,
        [apiKeyHash, key, bodyHash, response, nowMs, expiredBeforeMs],
      );
      if (taken.length === 1) return { kind: 'first' };
      const [row] = await db.all('SELECT body_hash, response FROM api_idempotency WHERE api_key_hash = ? AND idempotency_key = ?', [apiKeyHash, key]);
      if (row === undefined) throw new Error('an idempotency key neither taken nor found');
      return text(row, 'body_hash') === bodyHash ? { kind: 'replay', response: text(row, 'response') } : { kind: 'other_body' };
    },

    async answer(apiKeyHash, key, response): Promise<void> {
      await db.run('UPDATE api_idempotency SET response = ? WHERE api_key_hash = ? AND idempotency_key = ?', [response, apiKeyHash, key]);
    },
  };
}
