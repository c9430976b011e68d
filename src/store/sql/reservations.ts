// ReservationStore over SQL. Every status change is a conditional UPDATE carrying the old status (and, while
// executing, the runner's id), so two runners, or a runner and the user cancelling, never both win.
import type { NewReservation, ReservationClaim, ReservationRecord, ReservationStore } from '../../domain/store-ports.ts';
import { RESERVATION_STATUSES } from '../../domain/store-ports.ts';
import { big, int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

function reservationFromRow(row: SqlRow): ReservationRecord {
  return {
    id: text(row, 'id'),
    draftId: text(row, 'draft_id'),
    contractId: text(row, 'contract_id'),
    loginId: text(row, 'login_id'),
    accountId: int(row, 'account_id'),
    amountYen: big(row, 'amount_yen'),
    details: text(row, 'details'),
    executeOn: text(row, 'execute_on'),
    status: oneOf(row, 'status', RESERVATION_STATUSES),
    claimedBy: textOrNull(row, 'claimed_by'),
    claimedUntilMs: intOrNull(row, 'claimed_until_ms'),
    resultCode: textOrNull(row, 'result_code'),
    createdAtMs: int(row, 'created_at_ms'),
    finishedAtMs: intOrNull(row, 'finished_at_ms'),
  };
}

const DUE = "execute_on <= ? AND (status = 'reserved' OR (status = 'executing' AND claimed_until_ms <= ?))";

export function createReservationStore(db: SqlExecutor): ReservationStore {
  const one = async (sql: string, params: (string | number | bigint)[]): Promise<ReservationRecord | undefined> => {
    const rows = await db.all(sql, params);
    return rows[0] === undefined ? undefined : reservationFromRow(rows[0]);
  };
  // PostgreSQL: rows another runner is claiming right now are skipped instead of waited for. SQLite runs one
  // writer at a time, so the plain conditional UPDATE is already exclusive.
  const skipLocked = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  return {
    async insert(r: NewReservation): Promise<ReservationRecord> {
      const row = await one(
        `INSERT INTO reservations (id, draft_id, contract_id, login_id, account_id, amount_yen, details, execute_on, status, created_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'reserved', ?) RETURNING *`,
        [r.id, r.draftId, r.contractId, r.loginId, r.accountId, r.amountYen, r.details, r.executeOn, r.createdAtMs],
      );
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },

    get: (id) => one('SELECT * FROM reservations WHERE id = ?', [id]),

    forDraft: (draftId) => one('SELECT * FROM reservations WHERE draft_id = ?', [draftId]),

    async listFor(contractId: string, loginId: string, limit: number): Promise<ReservationRecord[]> {
      const rows = await db.all('SELECT * FROM reservations WHERE contract_id = ? AND login_id = ? ORDER BY execute_on DESC, created_at_ms DESC LIMIT ?', [contractId, loginId, limit]);
      return rows.map(reservationFromRow);
    },

    async claimDue(c: ReservationClaim): Promise<ReservationRecord[]> {
      // The outer WHERE repeats the condition: on PostgreSQL a row chosen from an older snapshot is re-checked
      // against its latest version once locked, so a row another runner just claimed is not taken twice.
      const rows = await db.all(
        `UPDATE reservations SET status = 'executing', claimed_by = ?, claimed_until_ms = ?
         WHERE id IN (SELECT id FROM reservations WHERE ${DUE} ORDER BY execute_on, created_at_ms LIMIT ?${skipLocked})
           AND ${DUE}
         RETURNING *`,
        [c.runnerId, c.leaseUntilMs, c.today, c.nowMs, c.limit, c.today, c.nowMs],
      );
      return rows.map(reservationFromRow).sort((a, b) => a.executeOn.localeCompare(b.executeOn) || a.createdAtMs - b.createdAtMs);
    },

    hold: (id, runnerId) =>
      one("UPDATE reservations SET claimed_until_ms = claimed_until_ms WHERE id = ? AND status = 'executing' AND claimed_by = ? RETURNING *", [id, runnerId]),

    async finish(id: string, runnerId: string, status: 'done' | 'failed', resultCode: string, nowMs: number): Promise<boolean> {
      const changed = await db.run(
        "UPDATE reservations SET status = ?, result_code = ?, finished_at_ms = ?, claimed_until_ms = NULL WHERE id = ? AND status = 'executing' AND claimed_by = ?",
        [status, resultCode, nowMs, id, runnerId],
      );
      return changed === 1;
    },

    cancel: (id, contractId, loginId, today, nowMs) =>
      one(
        `UPDATE reservations SET status = 'cancelled', result_code = 'cancelled', finished_at_ms = ?
         WHERE id = ? AND contract_id = ? AND login_id = ? AND status = 'reserved' AND execute_on > ? RETURNING *`,
        [nowMs, id, contractId, loginId, today],
      ),

    async uncancel(id: string): Promise<boolean> {
      return (await db.run("UPDATE reservations SET status = 'reserved', result_code = NULL, finished_at_ms = NULL WHERE id = ? AND status = 'cancelled'", [id])) === 1;
    },
  };
}
