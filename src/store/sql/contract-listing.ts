// ContractStore.listing: the contract row, its users and its registrations in force, for the admin's
// screens, in one statement; SessionStore.getWithContractListing: the same with the session that asks.
// The two lists come as JSON (json-rows.ts): one round trip on PostgreSQL, and one value per list to decode
// instead of hundreds.
import type { ContractListing, RegisteredToken, UserListing } from '../../domain/store-ports.ts';
import { TOKEN_STATUSES } from '../../domain/token.ts';
import { CONTRACT_SHOWN_COLUMNS, contractShownFromRow } from './contract-row.ts';
import { jsonBool, jsonInt, jsonIntOrNull, jsonOneOf, jsonRows, jsonRowsOf, jsonText, jsonTextOrNull } from './json-rows.ts';
import type { SqlDialect, SqlExecutor, SqlRow } from './sql-executor.ts';

const REGISTERED_FORMS = ['per_user', 'shared'] as const;

/** The session's columns in the session-with-listing statement, prefixed: contracts has a created_at_ms too. */
export const SESSION_PREFIX = 'session_';
const SESSION_COLUMNS = ['id_hash', 'contract_id', 'login_id', 'csrf_token', 'created_at_ms', 'last_seen_at_ms', 'data'] as const;

/**
 * Only the shown columns: no password or PIN hash (of the contract or its users), no token's sealed secret.
 * `from` names the contract row `c`: one contract by id, or the contract of one session.
 */
function listingSql(dialect: SqlDialect, select: string, from: string): string {
  const users = jsonRowsOf(dialect, 'u.login_id, u.name, u.can_transfer, u.can_pay_tax, u.login_failures, u.confirm_pin_failures, u.created_at_ms', 'u.login_id');
  const tokens = jsonRowsOf(dialect, 'r.form, r.login_id, r.serial, t.status, t.expires_at_ms', 'r.registered_at_ms, r.id');
  return `SELECT ${select}${CONTRACT_SHOWN_COLUMNS.map((column) => `c.${column}`).join(', ')},
    (SELECT ${users} FROM users u WHERE u.contract_id = c.id) AS users_json,
    (SELECT ${tokens} FROM registrations r JOIN tokens t ON t.serial = r.serial
      WHERE r.contract_id = c.id AND r.ended_at_ms IS NULL) AS tokens_json
    ${from}`;
}

const BY_CONTRACT = 'FROM contracts c WHERE c.id = ?';
const BY_SESSION = 'FROM sessions s JOIN contracts c ON c.id = s.contract_id WHERE s.id_hash = ?';
const SESSION_SELECT = SESSION_COLUMNS.map((column) => `s.${column} AS ${SESSION_PREFIX}${column}, `).join('');

const SQL = {
  sqlite: { byContract: listingSql('sqlite', '', BY_CONTRACT), bySession: listingSql('sqlite', SESSION_SELECT, BY_SESSION) },
  postgres: { byContract: listingSql('postgres', '', BY_CONTRACT), bySession: listingSql('postgres', SESSION_SELECT, BY_SESSION) },
} as const satisfies Record<SqlDialect, Record<string, string>>;

function userOf([loginId, name, canTransfer, canPayTax, loginFailures, confirmPinFailures, createdAtMs]: unknown[]): UserListing {
  return {
    loginId: jsonText(loginId),
    name: jsonText(name),
    canTransfer: jsonBool(canTransfer),
    canPayTax: jsonBool(canPayTax),
    loginFailures: jsonInt(loginFailures),
    confirmPinFailures: jsonInt(confirmPinFailures),
    createdAtMs: jsonInt(createdAtMs),
  };
}

function tokenOf([form, loginId, serial, status, expiresAtMs]: unknown[]): RegisteredToken {
  return {
    form: jsonOneOf(form, REGISTERED_FORMS),
    loginId: jsonTextOrNull(loginId),
    serial: jsonText(serial),
    status: jsonOneOf(status, TOKEN_STATUSES),
    expiresAtMs: jsonIntOrNull(expiresAtMs),
  };
}

function listingFromRow(row: SqlRow): ContractListing {
  return { contract: contractShownFromRow(row), users: jsonRows(row, 'users_json').map(userOf), tokens: jsonRows(row, 'tokens_json').map(tokenOf) };
}

export async function readContractListing(db: SqlExecutor, id: string): Promise<ContractListing | undefined> {
  const row = (await db.all(SQL[db.dialect].byContract, [id]))[0];
  return row === undefined ? undefined : listingFromRow(row);
}

/** One session's row (its columns under SESSION_PREFIX) with its contract's listing, in one statement. */
export async function readSessionListing(db: SqlExecutor, idHash: string): Promise<{ readonly row: SqlRow; readonly listing: ContractListing } | undefined> {
  const row = (await db.all(SQL[db.dialect].bySession, [idHash]))[0];
  return row === undefined ? undefined : { row, listing: listingFromRow(row) };
}
