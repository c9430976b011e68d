// 取引認証's storage over SQL (migration 14), the same statements on SQLite and PostgreSQL. Spending a response
// is one INSERT … ON CONFLICT DO NOTHING: the primary key (serial, time step, question) decides, inside the
// statement, which of two concurrent transactions spends it; the other changes zero rows (replayed).
import type { SpentSignature, TransactionAuthPolicy, TransactionAuthPolicyRecord, TransactionAuthStore } from '../../domain/transaction-auth-ports.ts';
import { big, int, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function policyOf(row: SqlRow): TransactionAuthPolicy {
  const mode = text(row, 'mode');
  if (mode === 'off' || mode === 'all') return { mode };
  if (mode === 'above') return { mode, thresholdYen: big(row, 'threshold_yen') };
  throw new TypeError(`transaction_auth_policy.mode: ${mode}`);
}

export function createTransactionAuthStore(db: SqlExecutor): TransactionAuthStore {
  return {
    async policy(): Promise<TransactionAuthPolicyRecord> {
      const [row] = await db.all('SELECT mode, threshold_yen, changed_at_ms, changed_by FROM transaction_auth_policy WHERE id = 1');
      if (row === undefined) throw new Error('transaction_auth_policy has no row (migration 14 inserts it)');
      return { policy: policyOf(row), changedAtMs: int(row, 'changed_at_ms'), changedBy: text(row, 'changed_by') };
    },

    async setPolicy(policy: TransactionAuthPolicy, atMs: number, by: string): Promise<void> {
      const threshold = policy.mode === 'above' ? policy.thresholdYen : null;
      await db.run('UPDATE transaction_auth_policy SET mode = ?, threshold_yen = ?, changed_at_ms = ?, changed_by = ? WHERE id = 1', [policy.mode, threshold, atMs, by]);
    },

    async spend(used: SpentSignature): Promise<boolean> {
      const changed = await db.run(
        `INSERT INTO used_signatures (serial, time_step, question, draft_id, used_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (serial, time_step, question) DO NOTHING`,
        [used.serial, used.timeStep, used.question, used.draftId, used.usedAtMs],
      );
      return changed === 1;
    },
  };
}
