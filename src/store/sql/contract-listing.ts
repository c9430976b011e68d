// ContractStore.listing: the contract row, its users and its registrations in force, for the admin's
// screens, in one statement. The two lists come as JSON (json-rows.ts): one round trip on PostgreSQL, and
// one value per list to decode instead of hundreds.
import type { ContractListing, RegisteredToken, UserListing } from '../../domain/store-ports.ts';
import { TOKEN_STATUSES } from '../../domain/token.ts';
import { contractFromRow } from './contract-row.ts';
import { jsonBool, jsonInt, jsonIntOrNull, jsonOneOf, jsonRows, jsonRowsOf, jsonText, jsonTextOrNull } from './json-rows.ts';
import type { SqlDialect, SqlExecutor } from './sql-executor.ts';

const REGISTERED_FORMS = ['per_user', 'shared'] as const;

/** Only the shown columns: no password or PIN hash, no token's sealed secret. */
function listingSql(dialect: SqlDialect): string {
  const users = jsonRowsOf(dialect, 'u.login_id, u.name, u.can_transfer, u.can_pay_tax, u.login_failures, u.confirm_pin_failures, u.created_at_ms', 'u.login_id');
  const tokens = jsonRowsOf(dialect, 'r.form, r.login_id, r.serial, t.status, t.expires_at_ms', 'r.registered_at_ms, r.id');
  return `SELECT c.*,
    (SELECT ${users} FROM users u WHERE u.contract_id = c.id) AS users_json,
    (SELECT ${tokens} FROM registrations r JOIN tokens t ON t.serial = r.serial
      WHERE r.contract_id = c.id AND r.ended_at_ms IS NULL) AS tokens_json
    FROM contracts c WHERE c.id = ?`;
}

const SQL = { sqlite: listingSql('sqlite'), postgres: listingSql('postgres') } as const satisfies Record<SqlDialect, string>;

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

export async function readContractListing(db: SqlExecutor, id: string): Promise<ContractListing | undefined> {
  const row = (await db.all(SQL[db.dialect], [id]))[0];
  if (row === undefined) return undefined;
  return { contract: contractFromRow(row), users: jsonRows(row, 'users_json').map(userOf), tokens: jsonRows(row, 'tokens_json').map(tokenOf) };
}
