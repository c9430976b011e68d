// UserStore over SQL. Login attempts use the same single conditional UPDATE as tokens.
import type { NewUser, UserChanges, UserRecord, UserSecret, UserStore } from '../../domain/store-ports.ts';
import { bool, flag, int, text } from './row.ts';
import type { SqlExecutor, SqlRow, SqlValue } from './sql-executor.ts';

function userFromRow(row: SqlRow): UserRecord {
  return {
    contractId: text(row, 'contract_id'),
    loginId: text(row, 'login_id'),
    name: text(row, 'name'),
    passwordHash: text(row, 'password_hash'),
    confirmPinHash: text(row, 'confirm_pin_hash'),
    canTransfer: bool(row, 'can_transfer'),
    canPayTax: bool(row, 'can_pay_tax'),
    loginFailures: int(row, 'login_failures'),
    loginNotBeforeMs: int(row, 'login_not_before_ms'),
    createdAtMs: int(row, 'created_at_ms'),
    passwordMustChange: bool(row, 'password_must_change'),
    confirmPinMustChange: bool(row, 'confirm_pin_must_change'),
  };
}

/** Each secret's hash and must-change columns; the names are chosen here, never taken from a caller. */
const SECRET_COLUMNS = {
  password: { hash: 'password_hash', mustChange: 'password_must_change' },
  confirm_pin: { hash: 'confirm_pin_hash', mustChange: 'confirm_pin_must_change' },
} as const satisfies Record<UserSecret, { hash: string; mustChange: string }>;

/** The SET list for an update: only the fields present in `changes`, column names fixed here. */
function assignments(changes: UserChanges): { sql: string[]; params: SqlValue[] } {
  const sql: string[] = [];
  const params: SqlValue[] = [];
  const set = (column: string, value: SqlValue): void => {
    sql.push(`${column} = ?`);
    params.push(value);
  };
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash);
  if (changes.confirmPinHash !== undefined) set('confirm_pin_hash', changes.confirmPinHash);
  if (changes.canTransfer !== undefined) set('can_transfer', flag(changes.canTransfer));
  if (changes.canPayTax !== undefined) set('can_pay_tax', flag(changes.canPayTax));
  return { sql, params };
}

export function createUserStore(db: SqlExecutor): UserStore {
  async function get(contractId: string, loginId: string): Promise<UserRecord | undefined> {
    const rows = await db.all('SELECT * FROM users WHERE contract_id = ? AND login_id = ?', [contractId, loginId]);
    return rows[0] === undefined ? undefined : userFromRow(rows[0]);
  }

  return {
    get,

    async insert(user: NewUser): Promise<void> {
      await db.run(
        `INSERT INTO users (contract_id, login_id, name, password_hash, confirm_pin_hash, can_transfer, can_pay_tax, created_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [user.contractId, user.loginId, user.name, user.passwordHash, user.confirmPinHash,
          flag(user.canTransfer), flag(user.canPayTax), user.createdAtMs],
      );
    },

    async list(contractId: string): Promise<UserRecord[]> {
      const rows = await db.all('SELECT * FROM users WHERE contract_id = ? ORDER BY login_id', [contractId]);
      return rows.map(userFromRow);
    },

    async count(contractId: string): Promise<number> {
      const rows = await db.all('SELECT COUNT(*) AS n FROM users WHERE contract_id = ?', [contractId]);
      return rows[0] === undefined ? 0 : int(rows[0], 'n');
    },

    async update(contractId: string, loginId: string, changes: UserChanges): Promise<boolean> {
      const set = assignments(changes);
      if (set.sql.length === 0) return (await get(contractId, loginId)) !== undefined; // nothing to change: true when the user exists
      const changed = await db.run(
        `UPDATE users SET ${set.sql.join(', ')} WHERE contract_id = ? AND login_id = ?`,
        [...set.params, contractId, loginId],
      );
      return changed === 1;
    },

    async delete(contractId: string, loginId: string): Promise<boolean> {
      return (await db.run('DELETE FROM users WHERE contract_id = ? AND login_id = ?', [contractId, loginId])) === 1;
    },

    async beginLoginAttempt(contractId: string, loginId: string, maxFailures: number, atMs?: number): Promise<UserRecord | undefined> {
      // With `atMs`, the progressive delay is checked in the same conditional UPDATE that reserves the attempt.
      const rows = await db.all(
        `UPDATE users SET login_failures = login_failures + 1
         WHERE contract_id = ? AND login_id = ? AND login_failures < ?${atMs === undefined ? '' : ' AND login_not_before_ms <= ?'} RETURNING *`,
        atMs === undefined ? [contractId, loginId, maxFailures] : [contractId, loginId, maxFailures, atMs],
      );
      return rows[0] === undefined ? undefined : userFromRow(rows[0]);
    },

    async resetLoginFailures(contractId: string, loginId: string): Promise<void> {
      await db.run('UPDATE users SET login_failures = 0, login_not_before_ms = 0 WHERE contract_id = ? AND login_id = ?', [contractId, loginId]);
    },

    async delayLogin(contractId: string, loginId: string, untilMs: number): Promise<void> {
      await db.run('UPDATE users SET login_not_before_ms = ? WHERE contract_id = ? AND login_id = ?', [untilMs, contractId, loginId]);
    },

    async setSecret(contractId: string, loginId: string, secret: UserSecret, hash: string, mustChange: boolean, expectedHash?: string): Promise<boolean> {
      const c = SECRET_COLUMNS[secret];
      const where = `WHERE contract_id = ? AND login_id = ?${expectedHash === undefined ? '' : ` AND ${c.hash} = ?`}`;
      const params = [hash, flag(mustChange), contractId, loginId, ...(expectedHash === undefined ? [] : [expectedHash])];
      return (await db.run(`UPDATE users SET ${c.hash} = ?, ${c.mustChange} = ? ${where}`, params)) === 1;
    },
  };
}
