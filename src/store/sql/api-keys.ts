// ApiKeyStore over SQL. Keys are found by their SHA-256 inside the request's own transaction, so a revoked key
// stops working at once on every server instance (no cache to go stale).
import type { ApiKeyRecord, ApiKeyStore } from '../../domain/store-ports.ts';
import { int, intOrNull, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function keyFromRow(row: SqlRow): ApiKeyRecord {
  return { name: text(row, 'name'), keyHash: text(row, 'key_hash'), createdAtMs: int(row, 'created_at_ms'), revokedAtMs: intOrNull(row, 'revoked_at_ms') };
}

export function createApiKeyStore(db: SqlExecutor): ApiKeyStore {
  return {
    async insert(k: Omit<ApiKeyRecord, 'revokedAtMs'>): Promise<boolean> {
      const rows = await db.all(
        'INSERT INTO api_keys (name, key_hash, created_at_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING name',
        [k.name, k.keyHash, k.createdAtMs],
      );
      return rows.length === 1;
    },

    async findActive(keyHash: string): Promise<ApiKeyRecord | undefined> {
      const rows = await db.all('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at_ms IS NULL', [keyHash]);
      return rows[0] === undefined ? undefined : keyFromRow(rows[0]);
    },

    async revoke(name: string, atMs: number): Promise<boolean> {
      return (await db.run('UPDATE api_keys SET revoked_at_ms = ? WHERE name = ? AND revoked_at_ms IS NULL', [atMs, name])) === 1;
    },

    async list(): Promise<ApiKeyRecord[]> {
      return (await db.all('SELECT * FROM api_keys ORDER BY name')).map(keyFromRow);
    },
  };
}
