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
// its token's row. The registration's user is matched by one equality (NULL for the shared form), so the
// lookup uses registrations_active_by_user on all three columns; an OR of the two forms made SQLite scan
// every active registration of the contract (~99 rows, 54 µs against 22 µs, bench/README.md).
function tokenRowForSql(nullSafeEquals: string): string {
  return `SELECT c.otp_form AS reg_otp_form, u.login_id AS reg_user_login, r.serial AS reg_serial, t.*
    FROM contracts c
    LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = ?
    LEFT JOIN registrations r ON r.contract_id = c.id AND r.ended_at_ms IS NULL AND r.form = c.otp_form
      AND r.login_id ${nullSafeEquals} (CASE c.otp_form WHEN 'per_user' THEN u.login_id END)
      AND (c.otp_form = 'shared' OR u.login_id IS NOT NULL)
    LEFT JOIN tokens t ON t.serial = r.serial
    WHERE c.id = ?
    ORDER BY r.registered_at_ms DESC, r.id DESC
    LIMIT 1`;
}
const TOKEN_ROW_FOR_SQLITE = tokenRowForSql('IS');
const TOKEN_ROW_FOR_PG = tokenRowForSql('IS NOT DISTINCT FROM');

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
      const row = rows[0];
      if (row === undefined) return undefined;
      const target = { otpForm: oneOf(row, 'reg_otp_form', OTP_FORMS), userExists: row.reg_user_login !== null, serial: row.reg_serial === null ? null : text(row, 'reg_serial') };
      return row.serial === null || row.serial === undefined ? target : { ...target, token: tokenFromRow(row) };
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
