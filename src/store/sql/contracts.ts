// ContractStore over SQL. PIN and password attempts use the same single conditional UPDATE as tokens.
import type { ContractListing, ContractRecord, ContractSecret, ContractStore, NewContract, OtpForm } from '../../domain/store-ports.ts';
import { readContractListing } from './contract-listing.ts';
import { contractFromRow } from './contract-row.ts';
import { flag } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** Each secret's hash and must-change columns; the names are chosen here, never taken from a caller. */
const SECRET_COLUMNS = {
  admin_password: { hash: 'admin_password_hash', mustChange: 'admin_password_must_change' },
  confirm_pin: { hash: 'confirm_pin_hash', mustChange: 'confirm_pin_must_change' },
} as const satisfies Record<ContractSecret, { hash: string; mustChange: string }>;

/** The two counters a contract has; the column name is chosen here, never taken from a caller. */
type FailureColumn = 'admin_login_failures' | 'confirm_pin_failures';

async function beginAttempt(db: SqlExecutor, column: FailureColumn, id: string, maxFailures: number): Promise<ContractRecord | undefined> {
  const rows = await db.all(
    `UPDATE contracts SET ${column} = ${column} + 1 WHERE id = ? AND ${column} < ? RETURNING *`,
    [id, maxFailures],
  );
  return rows[0] === undefined ? undefined : contractFromRow(rows[0]);
}

async function resetFailures(db: SqlExecutor, column: FailureColumn, id: string): Promise<void> {
  await db.run(`UPDATE contracts SET ${column} = 0 WHERE id = ?`, [id]);
}

export function createContractStore(db: SqlExecutor): ContractStore {
  return {
    async insert(contract: NewContract): Promise<void> {
      await db.run(
        `INSERT INTO contracts (id, name, admin_password_hash, confirm_pin_hash, created_at_ms)
         VALUES (?, ?, ?, ?, ?)`,
        [contract.id, contract.name, contract.adminPasswordHash, contract.confirmPinHash, contract.createdAtMs],
      );
    },

    async get(id: string): Promise<ContractRecord | undefined> {
      const rows = await db.all('SELECT * FROM contracts WHERE id = ?', [id]);
      return rows[0] === undefined ? undefined : contractFromRow(rows[0]);
    },

    listing: (id: string): Promise<ContractListing | undefined> => readContractListing(db, id),

    beginConfirmPinAttempt(id: string, maxFailures: number): Promise<ContractRecord | undefined> {
      return beginAttempt(db, 'confirm_pin_failures', id, maxFailures);
    },

    resetConfirmPinFailures(id: string): Promise<void> {
      return resetFailures(db, 'confirm_pin_failures', id);
    },

    async holdConfirmPinUnlocked(id: string, maxFailures: number): Promise<ContractRecord | undefined> {
      // Setting the count to itself takes the row lock with the condition in one statement (SQLite has no
      // SELECT … FOR UPDATE); a count that reached the maximum since the PIN was checked matches no row.
      const rows = await db.all(
        'UPDATE contracts SET confirm_pin_failures = confirm_pin_failures WHERE id = ? AND confirm_pin_failures < ? RETURNING *',
        [id, maxFailures],
      );
      return rows[0] === undefined ? undefined : contractFromRow(rows[0]);
    },

    async beginAdminLoginAttempt(id: string, maxFailures: number, atMs?: number): Promise<ContractRecord | undefined> {
      if (atMs === undefined) return beginAttempt(db, 'admin_login_failures', id, maxFailures);
      // The delay is checked in the same conditional UPDATE that reserves the attempt.
      const rows = await db.all(
        `UPDATE contracts SET admin_login_failures = admin_login_failures + 1
         WHERE id = ? AND admin_login_failures < ? AND admin_login_not_before_ms <= ? RETURNING *`,
        [id, maxFailures, atMs],
      );
      return rows[0] === undefined ? undefined : contractFromRow(rows[0]);
    },

    async resetAdminLoginFailures(id: string): Promise<void> {
      await db.run('UPDATE contracts SET admin_login_failures = 0, admin_login_not_before_ms = 0 WHERE id = ?', [id]);
    },

    async delayAdminLogin(id: string, untilMs: number): Promise<void> {
      await db.run('UPDATE contracts SET admin_login_not_before_ms = ? WHERE id = ?', [untilMs, id]);
    },

    async setOtpForm(id: string, form: OtpForm, startedAtMs: number | null): Promise<void> {
      await db.run('UPDATE contracts SET otp_form = ?, otp_started_at_ms = ? WHERE id = ?', [form, startedAtMs, id]);
    },

    async setSecret(id: string, secret: ContractSecret, hash: string, mustChange: boolean, expectedHash?: string): Promise<boolean> {
      const c = SECRET_COLUMNS[secret];
      const changed = expectedHash === undefined
        ? await db.run(`UPDATE contracts SET ${c.hash} = ?, ${c.mustChange} = ? WHERE id = ?`, [hash, flag(mustChange), id])
        : await db.run(`UPDATE contracts SET ${c.hash} = ?, ${c.mustChange} = ? WHERE id = ? AND ${c.hash} = ?`, [hash, flag(mustChange), id, expectedHash]);
      return changed === 1;
    },
  };
}
