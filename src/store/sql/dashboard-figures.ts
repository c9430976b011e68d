// The console dashboard's figures, by simple queries over the token inventory and the audit log. Isolated
// here (one port, DashboardStore) so that a richer read model can replace it without touching the screens.
import type { DashboardFigures, DashboardStore } from '../../domain/staff-store-ports.ts';
import { TOKEN_STATUSES, type TokenStatus } from '../../domain/token.ts';
import { int, text } from './row.ts';
import type { SqlExecutor } from './sql-executor.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const EXPIRY_HORIZON_MS = 90 * DAY_MS;
/** The audit actions that check an OTP: payment, the bank systems' API, registration. */
const VERIFY_ACTIONS = "('payment.authorise', 'api.otp.verify', 'token.register')";
const ACCEPTED_OUTCOMES = "('accepted', 'done', 'registered', 'success')";
/** Refusals of a password, a PIN or a code: what the helpdesk hears about. */
const FAILURE_OUTCOMES = "('login_failed', 'user_login_failed', 'pin_wrong', 'user_pin_wrong', 'token_or_otp_invalid', 'otp_invalid', 'otp_replayed', 'wrong', 'staff_login_failed')";
const LOCK_OUTCOMES = "('login_locked', 'user_login_locked', 'pin_locked', 'user_pin_locked', 'token_locked', 'staff_locked')";

async function count(db: SqlExecutor, sql: string, params: readonly number[]): Promise<number> {
  const rows = await db.all(sql, params);
  return rows[0] === undefined ? 0 : int(rows[0], 'n');
}

export function createDashboardStore(db: SqlExecutor): DashboardStore {
  return {
    async figures(nowMs: number): Promise<DashboardFigures> {
      const byStatus = Object.fromEntries(TOKEN_STATUSES.map((s) => [s, 0])) as Record<TokenStatus, number>;
      for (const row of await db.all('SELECT status, COUNT(*) AS n FROM tokens GROUP BY status')) {
        byStatus[text(row, 'status') as TokenStatus] = int(row, 'n');
      }
      const since = nowMs - DAY_MS;
      const firstHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
      const hours = Array.from({ length: 24 }, (_, i) => ({ hourStartMs: firstHour + i * HOUR_MS, accepted: 0, refused: 0 }));
      const rows = await db.all(
        `SELECT at_ms, CASE WHEN outcome IN ${ACCEPTED_OUTCOMES} THEN 1 ELSE 0 END AS ok FROM audit_log
         WHERE action IN ${VERIFY_ACTIONS} AND at_ms >= ? AND at_ms <= ?`,
        [firstHour, nowMs],
      );
      for (const row of rows) {
        const slot = hours[Math.floor((int(row, 'at_ms') - firstHour) / HOUR_MS)];
        if (slot === undefined) continue;
        if (int(row, 'ok') === 1) slot.accepted++;
        else slot.refused++;
      }
      return {
        tokensByStatus: byStatus,
        locksLast24h: await count(db, `SELECT COUNT(*) AS n FROM audit_log WHERE outcome IN ${LOCK_OUTCOMES} AND at_ms >= ?`, [since]),
        failuresLast24h: await count(db, `SELECT COUNT(*) AS n FROM audit_log WHERE outcome IN ${FAILURE_OUTCOMES} AND at_ms >= ?`, [since]),
        expiringWithin90Days: await count(
          db,
          "SELECT COUNT(*) AS n FROM tokens WHERE expires_at_ms IS NOT NULL AND expires_at_ms >= ? AND expires_at_ms < ? AND status NOT IN ('revoked', 'lost')",
          [nowMs, nowMs + EXPIRY_HORIZON_MS],
        ),
        pendingApprovals: await count(db, "SELECT COUNT(*) AS n FROM approval_requests WHERE status = 'pending' AND expires_at_ms > ?", [nowMs]),
        verificationsPerHour: hours,
      };
    },
  };
}
