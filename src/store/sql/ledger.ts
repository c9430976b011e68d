// LedgerStore over SQL: one row per debit, never updated or deleted. draft_id is UNIQUE, so a second debit
// for one payment fails in the database even if the code above it were wrong.
import type { LedgerEntryRecord, LedgerStore } from '../../domain/store-ports.ts';
import { PAYMENT_KINDS } from '../../domain/store-ports.ts';
import { big, int, oneOf, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function entryFromRow(row: SqlRow): LedgerEntryRecord {
  return {
    id: int(row, 'id'),
    accountId: int(row, 'account_id'),
    contractId: text(row, 'contract_id'),
    draftId: text(row, 'draft_id'),
    loginId: text(row, 'login_id'),
    kind: oneOf(row, 'kind', PAYMENT_KINDS),
    amountYen: big(row, 'amount_yen'),
    balanceAfterYen: big(row, 'balance_after_yen'),
    description: text(row, 'description'),
    atMs: int(row, 'at_ms'),
  };
}

export function createLedgerStore(db: SqlExecutor): LedgerStore {
  return {
    async insert(e: Omit<LedgerEntryRecord, 'id'>): Promise<LedgerEntryRecord> {
      const rows = await db.all(
        `INSERT INTO ledger_entries (account_id, contract_id, draft_id, login_id, kind, amount_yen, balance_after_yen, description, at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [e.accountId, e.contractId, e.draftId, e.loginId, e.kind, e.amountYen, e.balanceAfterYen, e.description, e.atMs],
      );
      if (rows[0] === undefined) throw new Error('INSERT … RETURNING returned no row');
      return entryFromRow(rows[0]);
    },

    async forDraft(draftId: string): Promise<LedgerEntryRecord | undefined> {
      const rows = await db.all('SELECT * FROM ledger_entries WHERE draft_id = ?', [draftId]);
      return rows[0] === undefined ? undefined : entryFromRow(rows[0]);
    },

    async history(contractId: string, limit: number): Promise<LedgerEntryRecord[]> {
      const rows = await db.all('SELECT * FROM ledger_entries WHERE contract_id = ? ORDER BY id DESC LIMIT ?', [contractId, limit]);
      return rows.map(entryFromRow);
    },
  };
}
