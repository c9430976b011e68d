// ApiKeyStore over SQL. Keys are found by their SHA-256 inside the request's own transaction, so a revoked key
// stops working at once on every server instance (no cache to go stale).
import type { ApiKeyRecord, ApiKeyStore, NewApiKey } from '../../domain/store-ports.ts';
import { int, intOrNull, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

export function keyFromRow(row: SqlRow): ApiKeyRecord {
  const scope = textOrNull(row, 'contract_ids');
  return {
    name: text(row, 'name'),
    keyHash: text(row, 'key_hash'),
    createdAtMs: int(row, 'created_at_ms'),
    revokedAtMs: intOrNull(row, 'revoked_at_ms'),
    contractIds: scope === null ? null : scope.split(',').filter((id) => id !== ''),
    expiresAtMs: intOrNull(row, 'expires_at_ms'),
    lastUsedAtMs: intOrNull(row, 'last_used_at_ms'),
    ratePerMinute: intOrNull(row, 'rate_per_minute'),
  };
}

export function createApiKeyStore(db: SqlExecutor): ApiKeyStore {
  return {
    async insert(k: NewApiKey): Promise<boolean> {
      const rows = await db.all(
        `INSERT INTO api_keys (name, key_hash, created_at_ms, contract_ids, expires_at_ms, rate_per_minute) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO NOTHING RETURNING name`,
        [k.name, k.keyHash, k.createdAtMs, k.contractIds === undefined || k.contractIds === null ? null : k.contractIds.join(','), k.expiresAtMs ?? null, k.ratePerMinute ?? null],
      );
      return rows.length === 1;
    },

    async touch(keyHash: string, atMs: number, everyMs: number): Promise<void> {
      await db.run('UPDATE api_keys SET last_used_at_ms = ? WHERE key_hash = ? AND (last_used_at_ms IS NULL OR last_used_at_ms <= ?)', [atMs, keyHash, atMs - everyMs]);
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
