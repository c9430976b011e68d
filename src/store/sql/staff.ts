// StaffStore and StaffSessionStore over SQL. Failure counts and the TOTP replay guard change only by
// conditional UPDATEs, which also take the row's lock until commit (store-ports.ts).
import type { NewStaff, StaffRecord, StaffSessionRecord, StaffSessionStore, StaffStore } from '../../domain/staff-store-ports.ts';
import { STAFF_ROLES, STAFF_SESSION_STAGES } from '../../domain/staff-store-ports.ts';
import type { SealedSecret } from '../../domain/token.ts';
import { bigOrNull, bool, bytes, flag, int, oneOf, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

export function sealedOrNull(row: SqlRow, keyColumn: string, blobColumn: string): SealedSecret | null {
  const keyId = textOrNull(row, keyColumn);
  return keyId === null ? null : { keyId, blob: bytes(row, blobColumn) };
}

function staffFromRow(row: SqlRow): StaffRecord {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    role: oneOf(row, 'role', STAFF_ROLES),
    passwordHash: text(row, 'password_hash'),
    totp: sealedOrNull(row, 'totp_key_id', 'totp_sealed'),
    totpLastStep: bigOrNull(row, 'totp_last_step'),
    failures: int(row, 'failures'),
    disabled: bool(row, 'disabled'),
    mustEnrol: bool(row, 'must_enrol'),
    createdAtMs: int(row, 'created_at_ms'),
  };
}

export function createStaffStore(db: SqlExecutor): StaffStore {
  const one = async (sql: string, params: readonly (string | number | bigint | Uint8Array | null)[]): Promise<StaffRecord | undefined> => {
    const rows = await db.all(sql, params);
    return rows[0] === undefined ? undefined : staffFromRow(rows[0]);
  };
  return {
    async insert(s: NewStaff): Promise<boolean> {
      const rows = await db.all(
        `INSERT INTO staff (id, name, role, password_hash, disabled, must_enrol, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [s.id, s.name, s.role, s.passwordHash, flag(false), flag(true), s.createdAtMs],
      );
      return rows.length === 1;
    },
    get: (id) => one('SELECT * FROM staff WHERE id = ?', [id]),
    async list(): Promise<StaffRecord[]> {
      return (await db.all('SELECT * FROM staff ORDER BY id')).map(staffFromRow);
    },
    beginAttempt: (id, maxFailures) =>
      one('UPDATE staff SET failures = failures + 1 WHERE id = ? AND failures < ? AND disabled = ? RETURNING *', [id, maxFailures, flag(false)]),
    async resetFailures(id: string): Promise<void> {
      await db.run('UPDATE staff SET failures = 0 WHERE id = ?', [id]);
    },
    async consumeStep(id: string, step: bigint): Promise<boolean> {
      return (await db.run('UPDATE staff SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)', [step, id, step])) === 1;
    },
    async enrol(id: string, totp: SealedSecret, step: bigint): Promise<boolean> {
      const changed = await db.run(
        'UPDATE staff SET totp_key_id = ?, totp_sealed = ?, totp_last_step = ?, must_enrol = ? WHERE id = ? AND must_enrol = ? AND disabled = ?',
        [totp.keyId, totp.blob, step, flag(false), id, flag(true), flag(false)],
      );
      return changed === 1;
    },
    async disable(id: string): Promise<boolean> {
      return (await db.run('UPDATE staff SET disabled = ? WHERE id = ? AND disabled = ?', [flag(true), id, flag(false)])) === 1;
    },
  };
}

function sessionFromRow(row: SqlRow): StaffSessionRecord {
  return {
    idHash: text(row, 'id_hash'),
    staffId: text(row, 'staff_id'),
    stage: oneOf(row, 'stage', STAFF_SESSION_STAGES),
    csrfToken: text(row, 'csrf_token'),
    pending: sealedOrNull(row, 'pending_key_id', 'pending_sealed'),
    createdAtMs: int(row, 'created_at_ms'),
    lastSeenAtMs: int(row, 'last_seen_at_ms'),
  };
}

export function createStaffSessionStore(db: SqlExecutor): StaffSessionStore {
  return {
    async insert(s: StaffSessionRecord): Promise<void> {
      await db.run(
        `INSERT INTO staff_sessions (id_hash, staff_id, stage, csrf_token, pending_key_id, pending_sealed, created_at_ms, last_seen_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.idHash, s.staffId, s.stage, s.csrfToken, s.pending?.keyId ?? null, s.pending?.blob ?? null, s.createdAtMs, s.lastSeenAtMs],
      );
    },
    async get(idHash: string): Promise<StaffSessionRecord | undefined> {
      const rows = await db.all('SELECT * FROM staff_sessions WHERE id_hash = ?', [idHash]);
      return rows[0] === undefined ? undefined : sessionFromRow(rows[0]);
    },
    async touch(idHash: string, atMs: number): Promise<void> {
      await db.run('UPDATE staff_sessions SET last_seen_at_ms = ? WHERE id_hash = ?', [atMs, idHash]);
    },
    async delete(idHash: string): Promise<void> {
      await db.run('DELETE FROM staff_sessions WHERE id_hash = ?', [idHash]);
    },
    deleteForStaff: (staffId) => db.run('DELETE FROM staff_sessions WHERE staff_id = ?', [staffId]),
    deleteIdleSince: (beforeMs) => db.run('DELETE FROM staff_sessions WHERE last_seen_at_ms < ?', [beforeMs]),
    async holdOneTime(idHash, sealed): Promise<boolean> {
      const changed = await db.run(
        `UPDATE staff_sessions SET pending_key_id = ?, pending_sealed = ? WHERE id_hash = ? AND stage = 'active'`,
        [sealed.keyId, sealed.blob, idHash],
      );
      return changed === 1;
    },
    async clearOneTime(idHash): Promise<boolean> {
      const changed = await db.run(
        `UPDATE staff_sessions SET pending_key_id = NULL, pending_sealed = NULL WHERE id_hash = ? AND stage = 'active' AND pending_sealed IS NOT NULL`,
        [idHash],
      );
      return changed === 1;
    },
  };
}
