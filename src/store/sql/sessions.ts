// SessionStore over SQL. Only the SHA-256 of a session id is stored, so a copy of the database cannot be
// replayed as cookies.
import type { SessionRecord, SessionStore, SessionWithContractFlags, SessionWithContractListing } from '../../domain/store-ports.ts';
import { readSessionListing, SESSION_PREFIX } from './contract-listing.ts';
import { bool, int, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function sessionFromRow(row: SqlRow, prefix = ''): SessionRecord {
  return {
    idHash: text(row, `${prefix}id_hash`),
    contractId: text(row, `${prefix}contract_id`),
    loginId: textOrNull(row, `${prefix}login_id`),
    csrfToken: text(row, `${prefix}csrf_token`),
    createdAtMs: int(row, `${prefix}created_at_ms`),
    lastSeenAtMs: int(row, `${prefix}last_seen_at_ms`),
    data: text(row, `${prefix}data`),
  };
}

export function createSessionStore(db: SqlExecutor): SessionStore {
  return {
    async insert(s: SessionRecord): Promise<void> {
      await db.run(
        `INSERT INTO sessions (id_hash, contract_id, login_id, csrf_token, created_at_ms, last_seen_at_ms, data)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [s.idHash, s.contractId, s.loginId, s.csrfToken, s.createdAtMs, s.lastSeenAtMs, s.data],
      );
    },

    async get(idHash: string): Promise<SessionRecord | undefined> {
      const rows = await db.all('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
      return rows[0] === undefined ? undefined : sessionFromRow(rows[0]);
    },

    async touch(idHash: string, atMs: number): Promise<void> {
      await db.run('UPDATE sessions SET last_seen_at_ms = ? WHERE id_hash = ?', [atMs, idHash]);
    },

    async setData(idHash: string, data: string): Promise<void> {
      await db.run('UPDATE sessions SET data = ? WHERE id_hash = ?', [data, idHash]);
    },

    async delete(idHash: string): Promise<void> {
      await db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    },

    async deleteForUser(contractId: string, loginId: string): Promise<number> {
      return db.run('DELETE FROM sessions WHERE contract_id = ? AND login_id = ?', [contractId, loginId]);
    },

    async deleteIdleSince(beforeMs: number): Promise<number> {
      return db.run('DELETE FROM sessions WHERE last_seen_at_ms < ?', [beforeMs]);
    },

    async getWithContractFlags(idHash: string): Promise<SessionWithContractFlags | undefined> {
      const rows = await db.all(
        `SELECT s.*, c.admin_password_must_change, c.confirm_pin_must_change
         FROM sessions s JOIN contracts c ON c.id = s.contract_id WHERE s.id_hash = ?`,
        [idHash],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      return {
        session: sessionFromRow(row),
        mustChange: { adminPasswordMustChange: bool(row, 'admin_password_must_change'), confirmPinMustChange: bool(row, 'confirm_pin_must_change') },
      };
    },

    async getWithContractListing(idHash: string): Promise<SessionWithContractListing | undefined> {
      const found = await readSessionListing(db, idHash);
      if (found === undefined) return undefined;
      const { contract } = found.listing;
      return {
        session: sessionFromRow(found.row, SESSION_PREFIX),
        mustChange: { adminPasswordMustChange: contract.adminPasswordMustChange, confirmPinMustChange: contract.confirmPinMustChange },
        listing: found.listing,
      };
    },

    async deleteForPerson(contractId: string, loginId: string | null, exceptIdHash?: string): Promise<number> {
      const who = loginId === null ? 'login_id IS NULL' : 'login_id = ?';
      const params = [contractId, ...(loginId === null ? [] : [loginId]), ...(exceptIdHash === undefined ? [] : [exceptIdHash])];
      return db.run(`DELETE FROM sessions WHERE contract_id = ? AND ${who}${exceptIdHash === undefined ? '' : ' AND id_hash <> ?'}`, params);
    },
  };
}
