// PaymentDraftStore over SQL. A draft is written once at the confirm step; afterwards only its status moves,
// always by a conditional UPDATE whose WHERE clause carries the old status (zero rows = someone else won).
import type { NewPaymentDraft, PaymentDraftRecord, PaymentDraftStore } from '../../domain/store-ports.ts';
import { DRAFT_STATUSES, PAYMENT_KINDS } from '../../domain/store-ports.ts';
import { big, int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function draftFromRow(row: SqlRow): PaymentDraftRecord {
  return {
    id: text(row, 'id'),
    contractId: text(row, 'contract_id'),
    loginId: text(row, 'login_id'),
    kind: oneOf(row, 'kind', PAYMENT_KINDS),
    accountId: int(row, 'account_id'),
    amountYen: big(row, 'amount_yen'),
    details: text(row, 'details'),
    status: oneOf(row, 'status', DRAFT_STATUSES),
    refusal: textOrNull(row, 'refusal'),
    createdAtMs: int(row, 'created_at_ms'),
    expiresAtMs: int(row, 'expires_at_ms'),
    settledAtMs: intOrNull(row, 'settled_at_ms'),
  };
}

export function createPaymentDraftStore(db: SqlExecutor): PaymentDraftStore {
  return {
    async insert(d: NewPaymentDraft): Promise<void> {
      await db.run(
        `INSERT INTO payment_drafts (id, contract_id, login_id, kind, account_id, amount_yen, details, status, created_at_ms, expires_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        [d.id, d.contractId, d.loginId, d.kind, d.accountId, d.amountYen, d.details, d.createdAtMs, d.expiresAtMs],
      );
    },

    async get(id: string): Promise<PaymentDraftRecord | undefined> {
      const rows = await db.all('SELECT * FROM payment_drafts WHERE id = ?', [id]);
      return rows[0] === undefined ? undefined : draftFromRow(rows[0]);
    },

    async claim(id: string, contractId: string, loginId: string, nowMs: number): Promise<PaymentDraftRecord | undefined> {
      // The decider for "this payment runs once": parallel submissions of one draft wait for this row's lock,
      // then re-check status = 'pending' against the committed row and find zero rows.
      const rows = await db.all(
        `UPDATE payment_drafts SET status = 'done', settled_at_ms = ?
         WHERE id = ? AND contract_id = ? AND login_id = ? AND status = 'pending' AND expires_at_ms > ?
         RETURNING *`,
        [nowMs, id, contractId, loginId, nowMs],
      );
      return rows[0] === undefined ? undefined : draftFromRow(rows[0]);
    },

    async reopen(id: string): Promise<boolean> {
      return (await db.run("UPDATE payment_drafts SET status = 'pending', settled_at_ms = NULL WHERE id = ? AND status = 'done'", [id])) === 1;
    },

    async refuse(id: string, code: string): Promise<boolean> {
      return (await db.run("UPDATE payment_drafts SET status = 'refused', refusal = ? WHERE id = ? AND status = 'done'", [code, id])) === 1;
    },
  };
}
