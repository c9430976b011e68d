// UserPinStore over SQL: the 利用者確認暗証番号's failure counter, with the same single conditional UPDATE as
// every other attempt counter (store-ports.ts header).
import type { UserPinAttempt, UserPinStore } from '../../domain/store-ports.ts';
import { int, text } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

export function createUserPinStore(db: SqlExecutor): UserPinStore {
  return {
    async beginAttempt(contractId: string, loginId: string, maxFailures: number): Promise<UserPinAttempt | undefined> {
      const rows = await db.all(
        `UPDATE users SET confirm_pin_failures = confirm_pin_failures + 1
         WHERE contract_id = ? AND login_id = ? AND confirm_pin_failures < ?
         RETURNING confirm_pin_hash, confirm_pin_failures`,
        [contractId, loginId, maxFailures],
      );
      const row = rows[0];
      return row === undefined ? undefined : { confirmPinHash: text(row, 'confirm_pin_hash'), failures: int(row, 'confirm_pin_failures') };
    },

    async failuresOfContract(contractId: string): Promise<Map<string, number>> {
      const rows = await db.all('SELECT login_id, confirm_pin_failures FROM users WHERE contract_id = ?', [contractId]);
      return new Map(rows.map((row) => [text(row, 'login_id'), int(row, 'confirm_pin_failures')]));
    },

    async failures(contractId: string, loginId: string): Promise<number | undefined> {
      const rows = await db.all('SELECT confirm_pin_failures FROM users WHERE contract_id = ? AND login_id = ?', [contractId, loginId]);
      return rows[0] === undefined ? undefined : int(rows[0], 'confirm_pin_failures');
    },

    async reset(contractId: string, loginId: string): Promise<void> {
      await db.run('UPDATE users SET confirm_pin_failures = 0 WHERE contract_id = ? AND login_id = ?', [contractId, loginId]);
    },

    async holdUnlocked(contractId: string, loginId: string, maxFailures: number): Promise<boolean> {
      // The row lock and the condition in one statement, as in contracts.holdConfirmPinUnlocked.
      const changed = await db.run(
        `UPDATE users SET confirm_pin_failures = confirm_pin_failures
         WHERE contract_id = ? AND login_id = ? AND confirm_pin_failures < ?`,
        [contractId, loginId, maxFailures],
      );
      return changed === 1;
    },
  };
}
