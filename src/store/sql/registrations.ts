// RegistrationStore over SQL. Rows are never deleted: ending a registration sets ended_at_ms, so the
// history of which token served whom stays for the auditor.
import { OTP_FORMS, type OtpForm, type RegistrationRecord, type RegistrationStore, type TokenForUser } from '../../domain/store-ports.ts';
import type { TokenRecord } from '../../domain/token.ts';
import { int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import { tokenFromRow } from './token-row.ts';
import type { SqlExecutor, SqlRow, SqlValue } from './sql-executor.ts';

type RegisteredForm = Exclude<OtpForm, 'none'>;
const REGISTERED_FORMS: readonly RegisteredForm[] = ['per_user', 'shared'];

function registrationFromRow(row: SqlRow): RegistrationRecord {
  return {
    id: int(row, 'id'),
    contractId: text(row, 'contract_id'),
    loginId: textOrNull(row, 'login_id'),
    serial: text(row, 'serial'),
    form: oneOf(row, 'form', REGISTERED_FORMS),
    registeredAtMs: int(row, 'registered_at_ms'),
    endedAtMs: intOrNull(row, 'ended_at_ms'),
  };
}

type EndMatch = Parameters<RegistrationStore['end']>[0];

/** WHERE conditions for `end`: loginId undefined = any user, null = the shared form's row. */
function endConditions(match: EndMatch): { sql: string[]; params: SqlValue[] } {
  const sql = ['contract_id = ?', 'ended_at_ms IS NULL'];
  const params: SqlValue[] = [match.contractId];
  const add = (condition: string, value: SqlValue): void => {
    sql.push(condition);
    params.push(value);
  };
  if (match.loginId === null) sql.push('login_id IS NULL');
  else if (match.loginId !== undefined) add('login_id = ?', match.loginId);
  if (match.serial !== undefined) add('serial = ?', match.serial);
  if (match.form !== undefined) add('form = ?', match.form);
  return { sql, params };
}

// The hot path's one query (bank-verify.ts): the contract's form, the user, the registration that applies and
// its token's row. The registration's user is matched by one equality (NULL for the shared form), so SQLite
// searches registrations_active_by_user on all three columns; an OR of the two forms made it scan every
// active registration of the contract (~99 rows, 54 µs against 22 µs).
// Also the verify API's read on SQLite (sqlite/sqlite-hot-verify.ts), which orders and limits as below.
export const SQLITE_REGISTRATION_THAT_APPLIES = `LEFT JOIN registrations r ON r.contract_id = c.id AND r.ended_at_ms IS NULL AND r.form = c.otp_form
      AND r.login_id IS (CASE c.otp_form WHEN 'per_user' THEN u.login_id END)
      AND (c.otp_form = 'shared' OR u.login_id IS NOT NULL)`;

const TOKEN_ROW_FOR_SQLITE = `SELECT c.otp_form AS reg_otp_form, u.login_id AS reg_user_login, r.serial AS reg_serial, t.*
    FROM contracts c
    LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = ?
    ${SQLITE_REGISTRATION_THAT_APPLIES}
    LEFT JOIN tokens t ON t.serial = r.serial
    WHERE c.id = ?
    ORDER BY r.registered_at_ms DESC, r.id DESC
    LIMIT 1`;

/**
 * PostgreSQL: the registration that applies to contract `c` and user `u` as `r`, one branch per form, each an
 * equality on (contract_id, form, login_id), so registrations_active_by_user is searched (PostgreSQL uses no
 * index for IS NOT DISTINCT FROM, nor for the OR of the two forms). Also the verify API's read (hot-verify.ts).
 */
export const PG_REGISTRATION_THAT_APPLIES = `LEFT JOIN LATERAL (
    (SELECT r1.serial, r1.registered_at_ms, r1.id FROM registrations r1
      WHERE c.otp_form = 'per_user' AND r1.contract_id = c.id AND r1.form = 'per_user' AND r1.login_id = u.login_id
        AND r1.ended_at_ms IS NULL)
    UNION ALL
    (SELECT r2.serial, r2.registered_at_ms, r2.id FROM registrations r2
      WHERE c.otp_form = 'shared' AND r2.contract_id = c.id AND r2.form = 'shared' AND r2.login_id IS NULL
        AND r2.ended_at_ms IS NULL)
    ORDER BY 2 DESC, 3 DESC LIMIT 1
  ) r ON true`;

const TOKEN_ROW_FOR_PG = `SELECT c.otp_form AS reg_otp_form, u.login_id AS reg_user_login, r.serial AS reg_serial, t.*
    FROM contracts c
    LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = ?
    ${PG_REGISTRATION_THAT_APPLIES}
    LEFT JOIN tokens t ON t.serial = r.serial
    WHERE c.id = ?`;

/** A row of either query (reg_otp_form, reg_user_login, reg_serial, then the token's columns) as tokenRowFor answers. */
export function tokenRowFromRow(row: SqlRow): TokenForUser & { readonly token?: TokenRecord } {
  const target = { otpForm: oneOf(row, 'reg_otp_form', OTP_FORMS), userExists: row.reg_user_login !== null, serial: row.reg_serial === null ? null : text(row, 'reg_serial') };
  return row.serial === null || row.serial === undefined ? target : { ...target, token: tokenFromRow(row) };
}

export function createRegistrationStore(db: SqlExecutor): RegistrationStore {
  return {
    async insert(r: Omit<RegistrationRecord, 'id' | 'endedAtMs'>): Promise<RegistrationRecord> {
      const rows = await db.all(
        `INSERT INTO registrations (contract_id, login_id, serial, form, registered_at_ms)
         VALUES (?, ?, ?, ?, ?) RETURNING *`,
        [r.contractId, r.loginId, r.serial, r.form, r.registeredAtMs],
      );
      if (rows[0] === undefined) throw new Error('INSERT … RETURNING returned no row');
      return registrationFromRow(rows[0]);
    },

    async active(contractId: string): Promise<RegistrationRecord[]> {
      const rows = await db.all(
        'SELECT * FROM registrations WHERE contract_id = ? AND ended_at_ms IS NULL ORDER BY registered_at_ms, id',
        [contractId],
      );
      return rows.map(registrationFromRow);
    },

    async activeFor(contractId: string, form: RegistrationRecord['form'], loginId: string | null): Promise<RegistrationRecord | undefined> {
      const byUser = loginId === null ? 'login_id IS NULL' : 'login_id = ?';
      const rows = await db.all(
        `SELECT * FROM registrations WHERE contract_id = ? AND form = ? AND ${byUser} AND ended_at_ms IS NULL
         ORDER BY registered_at_ms DESC, id DESC LIMIT 1`,
        loginId === null ? [contractId, form] : [contractId, form, loginId],
      );
      return rows[0] === undefined ? undefined : registrationFromRow(rows[0]);
    },

    async tokenRowFor(contractId: string, loginId: string): Promise<(TokenForUser & { readonly token?: TokenRecord }) | undefined> {
      const rows = await db.all(db.dialect === 'postgres' ? TOKEN_ROW_FOR_PG : TOKEN_ROW_FOR_SQLITE, [loginId, contractId]);
      return rows[0] === undefined ? undefined : tokenRowFromRow(rows[0]);
    },

    async activeForSerial(serial: string): Promise<RegistrationRecord[]> {
      const rows = await db.all(
        'SELECT * FROM registrations WHERE serial = ? AND ended_at_ms IS NULL ORDER BY registered_at_ms, id',
        [serial],
      );
      return rows.map(registrationFromRow);
    },

    async end(match: EndMatch, atMs: number): Promise<number> {
      const where = endConditions(match);
      return db.run(`UPDATE registrations SET ended_at_ms = ? WHERE ${where.sql.join(' AND ')}`, [atMs, ...where.params]);
    },

    async history(contractId: string): Promise<RegistrationRecord[]> {
      const rows = await db.all('SELECT * FROM registrations WHERE contract_id = ? ORDER BY id', [contractId]);
      return rows.map(registrationFromRow);
    },
  };
}
