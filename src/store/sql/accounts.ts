// AccountStore over SQL. A debit is one conditional UPDATE with the old balance in its WHERE clause, never a
// balance read into JavaScript and written back (store-ports.ts header): zero rows = the balance is short.
import type { AccountRecord, AccountStore, NewAccount } from '../../domain/store-ports.ts';
import { ACCOUNT_KINDS } from '../../domain/store-ports.ts';
import { big, int, oneOf, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function accountFromRow(row: SqlRow): AccountRecord {
  return {
    id: int(row, 'id'),
    contractId: text(row, 'contract_id'),
    branchCode: text(row, 'branch_code'),
    kind: oneOf(row, 'kind', ACCOUNT_KINDS),
    number: text(row, 'number'),
    name: text(row, 'name'),
    balanceYen: big(row, 'balance_yen'),
    createdAtMs: int(row, 'created_at_ms'),
  };
}

export function createAccountStore(db: SqlExecutor): AccountStore {
  return {
    async insert(a: NewAccount): Promise<AccountRecord> {
      const rows = await db.all(
        `INSERT INTO accounts (contract_id, branch_code, kind, number, name, balance_yen, created_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [a.contractId, a.branchCode, a.kind, a.number, a.name, a.balanceYen, a.createdAtMs],
      );
      if (rows[0] === undefined) throw new Error('INSERT … RETURNING returned no row');
      return accountFromRow(rows[0]);
    },

    async get(id: number): Promise<AccountRecord | undefined> {
      const rows = await db.all('SELECT * FROM accounts WHERE id = ?', [id]);
      return rows[0] === undefined ? undefined : accountFromRow(rows[0]);
    },

    async list(contractId: string): Promise<AccountRecord[]> {
      const rows = await db.all('SELECT * FROM accounts WHERE contract_id = ? ORDER BY id', [contractId]);
      return rows.map(accountFromRow);
    },

    async debit(id: number, contractId: string, amountYen: bigint): Promise<bigint | undefined> {
      const rows = await db.all(
        `UPDATE accounts SET balance_yen = balance_yen - ?
         WHERE id = ? AND contract_id = ? AND balance_yen >= ? RETURNING balance_yen`,
        [amountYen, id, contractId, amountYen],
      );
      return rows[0] === undefined ? undefined : big(rows[0], 'balance_yen');
    },
  };
}
