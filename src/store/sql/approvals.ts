// ApprovalStore over SQL: a decision is one conditional UPDATE on a pending row, so two approvers racing
// on one request cannot both execute it; the one-time result is erased by a conditional UPDATE too.
import type { ApprovalDecision, ApprovalRecord, ApprovalStore, NewApproval } from '../../domain/staff-store-ports.ts';
import { APPROVAL_STATUSES } from '../../domain/staff-store-ports.ts';
import { int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';
import { sealedOrNull } from './staff.ts';

function approvalFromRow(row: SqlRow): ApprovalRecord {
  return {
    id: text(row, 'id'),
    action: text(row, 'action'),
    params: text(row, 'params'),
    reason: text(row, 'reason'),
    requestedBy: text(row, 'requested_by'),
    requestedAtMs: int(row, 'requested_at_ms'),
    expiresAtMs: int(row, 'expires_at_ms'),
    status: oneOf(row, 'status', APPROVAL_STATUSES),
    decidedBy: textOrNull(row, 'decided_by'),
    decidedAtMs: intOrNull(row, 'decided_at_ms'),
    decisionReason: textOrNull(row, 'decision_reason'),
    outcome: textOrNull(row, 'outcome'),
    result: sealedOrNull(row, 'result_key_id', 'result_sealed'),
  };
}

export function createApprovalStore(db: SqlExecutor): ApprovalStore {
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const one = async (sql: string, id: string): Promise<ApprovalRecord | undefined> => {
    const rows = await db.all(sql, [id]);
    return rows[0] === undefined ? undefined : approvalFromRow(rows[0]);
  };
  return {
    async insert(r: NewApproval): Promise<void> {
      await db.run(
        `INSERT INTO approval_requests (id, action, params, reason, requested_by, requested_at_ms, expires_at_ms, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
        [r.id, r.action, r.params, r.reason, r.requestedBy, r.requestedAtMs, r.expiresAtMs],
      );
    },
    getForUpdate: (id) => one(`SELECT * FROM approval_requests WHERE id = ?${forUpdate}`, id),
    get: (id) => one('SELECT * FROM approval_requests WHERE id = ?', id),
    async list(limit: number): Promise<ApprovalRecord[]> {
      const rows = await db.all(
        `SELECT * FROM approval_requests ORDER BY CASE WHEN status = 'pending' THEN 0 ELSE 1 END,
           CASE WHEN status = 'pending' THEN requested_at_ms ELSE -decided_at_ms END, id LIMIT ?`,
        [limit],
      );
      return rows.map(approvalFromRow);
    },
    async countPending(nowMs: number): Promise<number> {
      const rows = await db.all("SELECT COUNT(*) AS n FROM approval_requests WHERE status = 'pending' AND expires_at_ms > ?", [nowMs]);
      return rows[0] === undefined ? 0 : int(rows[0], 'n');
    },
    async decide(id: string, d: ApprovalDecision): Promise<boolean> {
      const changed = await db.run(
        `UPDATE approval_requests SET status = ?, decided_by = ?, decided_at_ms = ?, decision_reason = ?, outcome = ?, result_key_id = ?, result_sealed = ?
         WHERE id = ? AND status = 'pending'`,
        [d.status, d.decidedBy, d.decidedAtMs, d.decisionReason, d.outcome, d.result?.keyId ?? null, d.result?.blob ?? null, id],
      );
      return changed === 1;
    },
    async takeResult(id: string): Promise<boolean> {
      return (await db.run('UPDATE approval_requests SET result_key_id = NULL, result_sealed = NULL WHERE id = ? AND result_sealed IS NOT NULL', [id])) === 1;
    },
  };
}
