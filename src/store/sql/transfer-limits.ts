// TransferLimitStore over SQL: each contract's limits, and the per-(contract, day) totals that the daily limit
// is checked against with one conditional UPDATE (never read-then-write).
import type { TransferLimitsRecord, TransferLimitStore } from '../../domain/store-ports.ts';
import { big, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function limitsFromRow(row: SqlRow): TransferLimitsRecord {
  return { contractId: text(row, 'contract_id'), perPaymentYen: big(row, 'per_payment_yen'), dailyYen: big(row, 'daily_yen') };
}

export function createTransferLimitStore(db: SqlExecutor): TransferLimitStore {
  return {
    async set(l: TransferLimitsRecord): Promise<void> {
      await db.run(
        `INSERT INTO transfer_limits (contract_id, per_payment_yen, daily_yen) VALUES (?, ?, ?)
         ON CONFLICT (contract_id) DO UPDATE SET per_payment_yen = excluded.per_payment_yen, daily_yen = excluded.daily_yen`,
        [l.contractId, l.perPaymentYen, l.dailyYen],
      );
    },

    async get(contractId: string): Promise<TransferLimitsRecord | undefined> {
      const rows = await db.all('SELECT * FROM transfer_limits WHERE contract_id = ?', [contractId]);
      return rows[0] === undefined ? undefined : limitsFromRow(rows[0]);
    },

    async reserveDaily(contractId: string, day: string, amountYen: bigint, dailyLimitYen: bigint): Promise<boolean> {
      // The first payment of the day creates the row; a parallel creator waits for it, then both go on to the
      // UPDATE, which takes the row lock and re-checks the total, so parallel payments can never pass the limit.
      await db.run('INSERT INTO daily_totals (contract_id, day, total_yen) VALUES (?, ?, 0) ON CONFLICT (contract_id, day) DO NOTHING', [contractId, day]);
      const changed = await db.run(
        'UPDATE daily_totals SET total_yen = total_yen + ? WHERE contract_id = ? AND day = ? AND total_yen + ? <= ?',
        [amountYen, contractId, day, amountYen, dailyLimitYen],
      );
      return changed === 1;
    },

    async releaseDaily(contractId: string, day: string, amountYen: bigint): Promise<void> {
      const changed = await db.run(
        'UPDATE daily_totals SET total_yen = total_yen - ? WHERE contract_id = ? AND day = ? AND total_yen >= ?',
        [amountYen, contractId, day, amountYen],
      );
      // Only a reservation of this very transaction is released: anything else is a bug.
      if (changed !== 1) throw new Error(`daily total ${contractId}/${day}: nothing to release`);
    },

    async usedOn(contractId: string, day: string): Promise<bigint> {
      const rows = await db.all('SELECT total_yen FROM daily_totals WHERE contract_id = ? AND day = ?', [contractId, day]);
      return rows[0] === undefined ? 0n : big(rows[0], 'total_yen');
    },
  };
}
