// SoftTokenStore over SQL. Binding and purging are single conditional statements: the WHERE clause carries
// every condition the caller relies on, and the changed-row count says whether this caller won.
import type { NewSoftToken, SoftTokenPurgeCut, SoftTokenRecord, SoftTokenStore } from '../../domain/soft-token/soft-token-store-ports.ts';
import { SOFT_TOKEN_ORIGINS, SOFT_TOKEN_STATES } from '../../domain/soft-token/soft-token-store-ports.ts';
import type { NewToken } from '../../domain/token.ts';
import { placeholders } from './placeholders.ts';
import { int, intOrNull, oneOf, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';
import { TOKEN_INSERT_COLUMNS, tokenValues } from './token-row.ts';

function softFromRow(row: SqlRow): SoftTokenRecord {
  return {
    serial: text(row, 'serial'),
    origin: oneOf(row, 'origin', SOFT_TOKEN_ORIGINS),
    state: oneOf(row, 'state', SOFT_TOKEN_STATES),
    createdAtMs: int(row, 'created_at_ms'),
    activatedAtMs: intOrNull(row, 'activated_at_ms'),
    lastSeenAtMs: intOrNull(row, 'last_seen_at_ms'),
  };
}

// An app token no contract ever took (registration binds it first), whose age passed its state's cut. Written
// over the tokens row itself (`tokens.…`), so PostgreSQL re-checks it on the newest row version.
const PURGEABLE = `tokens.contract_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.serial = tokens.serial)
  AND EXISTS (SELECT 1 FROM soft_tokens s WHERE s.serial = tokens.serial AND s.origin = 'app'
    AND ((s.state = 'pending' AND s.created_at_ms < ?) OR (s.state = 'active' AND s.activated_at_ms < ?)))`;

export function createSoftTokenStore(db: SqlExecutor): SoftTokenStore {
  return {
    async insert(token: NewToken, soft: NewSoftToken): Promise<boolean> {
      const rows = await db.all(
        `INSERT INTO tokens (${TOKEN_INSERT_COLUMNS.join(', ')}) VALUES (${placeholders(TOKEN_INSERT_COLUMNS.length)}) ON CONFLICT (serial) DO NOTHING RETURNING serial`,
        tokenValues(token),
      );
      if (rows.length === 0) return false;
      await db.run('INSERT INTO soft_tokens (serial, origin, state, created_at_ms, activated_at_ms) VALUES (?, ?, ?, ?, ?)', [
        token.serial, soft.origin, soft.state, soft.createdAtMs, soft.state === 'active' ? soft.createdAtMs : null,
      ]);
      return true;
    },

    async get(serial: string): Promise<SoftTokenRecord | undefined> {
      const rows = await db.all('SELECT * FROM soft_tokens WHERE serial = ?', [serial]);
      return rows[0] === undefined ? undefined : softFromRow(rows[0]);
    },

    async activate(serial: string, atMs: number): Promise<boolean> {
      const changed = await db.run(
        "UPDATE soft_tokens SET state = 'active', activated_at_ms = ?, last_seen_at_ms = ? WHERE serial = ? AND state = 'pending'",
        [atMs, atMs, serial],
      );
      return changed === 1;
    },

    async touch(serial: string, atMs: number): Promise<void> {
      await db.run('UPDATE soft_tokens SET last_seen_at_ms = ? WHERE serial = ? AND (last_seen_at_ms IS NULL OR last_seen_at_ms < ?)', [atMs, serial, atMs]);
    },

    async bindToContract(serial: string, contractId: string): Promise<boolean> {
      // The old state is in the WHERE clause: of two contracts registering the token at once, one row
      // changes for the first and none for the second, whatever each read before.
      const changed = await db.run(
        `UPDATE tokens SET status = 'issued', contract_id = ?
         WHERE serial = ? AND status = 'in_stock' AND contract_id IS NULL
           AND EXISTS (SELECT 1 FROM soft_tokens s WHERE s.serial = tokens.serial AND s.origin = 'app' AND s.state = 'active')`,
        [contractId, serial],
      );
      return changed === 1;
    },

    async purgeable(cut: SoftTokenPurgeCut, limit: number): Promise<SoftTokenRecord[]> {
      const rows = await db.all(
        `SELECT soft_tokens.* FROM soft_tokens JOIN tokens ON tokens.serial = soft_tokens.serial WHERE ${PURGEABLE}
         ORDER BY soft_tokens.created_at_ms, soft_tokens.serial LIMIT ?`,
        [cut.pendingCreatedBeforeMs, cut.activeActivatedBeforeMs, limit],
      );
      return rows.map(softFromRow);
    },

    async purge(serial: string, cut: SoftTokenPurgeCut): Promise<boolean> {
      // The tokens row goes (soft_tokens follows by ON DELETE CASCADE), only if the cut still selects it: a
      // registration committed since the list was read keeps the token (the caller holds the row's lock).
      const changed = await db.run(
        `DELETE FROM tokens WHERE serial = ? AND ${PURGEABLE}`,
        [serial, cut.pendingCreatedBeforeMs, cut.activeActivatedBeforeMs],
      );
      return changed === 1;
    },
  };
}
