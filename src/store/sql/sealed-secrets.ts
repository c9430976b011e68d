// Every sealed secret, by kind: counts per key id, keyset batches of those under other keys, and the
// conditional replace that makes an online re-wrap safe beside concurrent writers.
import type { SealedSecretKind, SealedSecretStore } from '../../domain/sealed-secret-ports.ts';
import { bytes, int, text } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

interface SealedColumns {
  readonly table: string;
  readonly id: string;
  readonly keyId: string;
  readonly blob: string;
}

/** Fixed identifiers only: no name here ever comes from input. */
const COLUMNS: Record<SealedSecretKind, SealedColumns> = {
  token: { table: 'tokens', id: 'serial', keyId: 'sealed_key_id', blob: 'sealed_blob' },
};

export function createSealedSecretStore(exec: SqlExecutor): SealedSecretStore {
  return {
    async countByKey() {
      const counts = [];
      for (const kind of Object.keys(COLUMNS) as SealedSecretKind[]) {
        const c = COLUMNS[kind];
        const rows = await exec.all(`SELECT ${c.keyId} AS key_id, COUNT(*) AS n FROM ${c.table} GROUP BY ${c.keyId} ORDER BY ${c.keyId}`);
        for (const row of rows) counts.push({ kind, keyId: text(row, 'key_id'), count: int(row, 'n') });
      }
      return counts;
    },
    async notSealedUnder(kind, keyId, afterId, limit) {
      const c = COLUMNS[kind];
      const rows = await exec.all(
        `SELECT ${c.id} AS id, ${c.keyId} AS key_id, ${c.blob} AS blob FROM ${c.table} WHERE ${c.keyId} <> ? AND ${c.id} > ? ORDER BY ${c.id} LIMIT ?`,
        [keyId, afterId, limit],
      );
      return rows.map((row) => ({ kind, id: text(row, 'id'), sealed: { keyId: text(row, 'key_id'), blob: bytes(row, 'blob') } }));
    },
    async replace(kind, id, expected, next) {
      const c = COLUMNS[kind];
      const changed = await exec.run(
        `UPDATE ${c.table} SET ${c.keyId} = ?, ${c.blob} = ? WHERE ${c.id} = ? AND ${c.keyId} = ? AND ${c.blob} = ?`,
        [next.keyId, next.blob, id, expected.keyId, expected.blob],
      );
      return changed === 1;
    },
  };
}
