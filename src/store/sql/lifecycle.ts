// LifecycleStore over SQL: the bank's issue / resync writes and the read models of its console. Reads never
// select a token's sealed secret. Statuses change only by conditional UPDATEs (store-ports.ts header).
import type {
  ActionOutcomeCount, AuditFilter, ContractSummary, HourCount, LifecycleStore, LockCounts, TokenListFilter, TokenListRow, TokenStatusRow,
  TokenSummary,
} from '../../domain/lifecycle/lifecycle-store-ports.ts';
import { OTP_FORMS } from '../../domain/store-ports.ts';
import { TOKEN_KINDS, TOKEN_MODELS, TOKEN_STATUSES } from '../../domain/token.ts';
import { entryFromRow } from './audit.ts';
import { placeholders } from './placeholders.ts';
import { int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow, SqlValue } from './sql-executor.ts';

/** LIKE with `!` as the escape character, so a `%` or `_` typed by staff matches itself. */
function likeEscaped(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`);
}

const TOKEN_SUMMARY_COLUMNS = 'serial, kind, model, status, expires_at_ms, last_used_at_ms';

function tokenSummaryFromRow(row: SqlRow): TokenSummary {
  return {
    serial: text(row, 'serial'),
    kind: oneOf(row, 'kind', TOKEN_KINDS),
    model: oneOf(row, 'model', TOKEN_MODELS),
    status: oneOf(row, 'status', TOKEN_STATUSES),
    expiresAtMs: intOrNull(row, 'expires_at_ms'),
    lastUsedAtMs: intOrNull(row, 'last_used_at_ms'),
  };
}

function auditWhere(filter: AuditFilter): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (condition: string, ...values: SqlValue[]): void => {
    where.push(condition);
    params.push(...values);
  };
  if (filter.chain !== undefined) add('chain = ?', filter.chain);
  // A user is the actor (user:<利用者ID>), the target, or named as loginId in the detail (the admin's acts on him).
  if (filter.user !== undefined) {
    add(`(actor = ? OR target = ? OR detail LIKE ? ESCAPE '!')`, `user:${filter.user}`, filter.user, `%"loginId":${likeEscaped(JSON.stringify(filter.user))}%`);
  }
  if (filter.target !== undefined) add('target = ?', filter.target);
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.outcome !== undefined) add('outcome = ?', filter.outcome);
  if (filter.sinceMs !== undefined) add('at_ms >= ?', filter.sinceMs);
  if (filter.untilMs !== undefined) add('at_ms < ?', filter.untilMs);
  return { sql: where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`, params };
}

export function createLifecycleStore(db: SqlExecutor): LifecycleStore {
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return {
    async lockTokens(serials: readonly string[]): Promise<TokenStatusRow[]> {
      if (serials.length === 0) return [];
      const rows = await db.all(
        `SELECT serial, status, contract_id FROM tokens WHERE serial IN (${placeholders(serials.length)}) ORDER BY serial${forUpdate}`,
        serials,
      );
      return rows.map((row) => ({ serial: text(row, 'serial'), status: oneOf(row, 'status', TOKEN_STATUSES), contractId: textOrNull(row, 'contract_id') }));
    },

    async issueFromStock(serials: readonly string[], contractId: string): Promise<number> {
      if (serials.length === 0) return 0;
      // A token in stock cannot be locked (token.ts), so wrong codes the bank's `tokens verify` counted there
      // end here: the contract receives it with none counted.
      return db.run(
        `UPDATE tokens SET status = 'issued', contract_id = ?, consecutive_failures = 0 WHERE serial IN (${placeholders(serials.length)}) AND status = 'in_stock'`,
        [contractId, ...serials],
      );
    },

    async resync(serial: string, consumedCounter: bigint, drift: number, nextCounter: bigint, atMs: number): Promise<boolean> {
      // The old value is in the WHERE clause, as in consume: zero rows changed = a code already spent.
      const changed = await db.run(
        `UPDATE tokens SET last_counter = ?, drift = ?, counter = ?, last_used_at_ms = ?
         WHERE serial = ? AND (last_counter IS NULL OR last_counter < ?)`,
        [consumedCounter, drift, nextCounter, atMs, serial, consumedCounter],
      );
      return changed === 1;
    },

    async searchContracts(query: string, limit: number, offset: number): Promise<{ rows: ContractSummary[]; total: number }> {
      const pattern = likeEscaped(query);
      const where = query === '' ? '' : ` WHERE c.id LIKE ? ESCAPE '!' OR c.name LIKE ? ESCAPE '!'`;
      const params: SqlValue[] = query === '' ? [] : [`${pattern}%`, `%${pattern}%`];
      const rows = await db.all(
        `SELECT c.id, c.name, c.otp_form,
           (SELECT COUNT(*) FROM users u WHERE u.contract_id = c.id) AS user_count,
           (SELECT COUNT(*) FROM tokens t WHERE t.contract_id = c.id) AS token_count
         FROM contracts c${where} ORDER BY c.id LIMIT ? OFFSET ?`,
        [...params, limit, offset],
      );
      const total = await db.all(`SELECT COUNT(*) AS n FROM contracts c${where}`, params);
      return {
        rows: rows.map((row) => ({
          id: text(row, 'id'),
          name: text(row, 'name'),
          otpForm: oneOf(row, 'otp_form', OTP_FORMS),
          userCount: int(row, 'user_count'),
          tokenCount: int(row, 'token_count'),
        })),
        total: total[0] === undefined ? 0 : int(total[0], 'n'),
      };
    },

    async tokensOf(contractId: string): Promise<TokenSummary[]> {
      const rows = await db.all(`SELECT ${TOKEN_SUMMARY_COLUMNS} FROM tokens WHERE contract_id = ? ORDER BY serial`, [contractId]);
      return rows.map(tokenSummaryFromRow);
    },

    async tokenSummary(serial: string): Promise<TokenSummary | undefined> {
      const rows = await db.all(`SELECT ${TOKEN_SUMMARY_COLUMNS} FROM tokens WHERE serial = ?`, [serial]);
      return rows[0] === undefined ? undefined : tokenSummaryFromRow(rows[0]);
    },

    async lastAuditTimes(contractId, pairs): Promise<{ target: string; atMs: number }[]> {
      if (pairs.length === 0) return [];
      const match = pairs.map(() => '(action = ? AND outcome = ?)').join(' OR ');
      const rows = await db.all(
        `SELECT target, MAX(at_ms) AS at_ms FROM audit_log WHERE chain = ? AND (${match}) GROUP BY target ORDER BY target`,
        [contractId, ...pairs.flat()],
      );
      return rows.map((row) => ({ target: text(row, 'target'), atMs: int(row, 'at_ms') }));
    },

    async searchAudit(filter: AuditFilter) {
      const where = auditWhere(filter);
      const rows = await db.all(
        `SELECT * FROM audit_log${where.sql} ORDER BY at_ms DESC, chain DESC, seq DESC LIMIT ? OFFSET ?`,
        [...where.params, filter.limit, filter.offset],
      );
      return rows.map(entryFromRow);
    },

    async auditHead(chain: string) {
      const rows = await db.all('SELECT seq, hash FROM audit_heads WHERE chain = ?', [chain]);
      return rows[0] === undefined ? undefined : { seq: int(rows[0], 'seq'), hash: text(rows[0], 'hash') };
    },

    async countTokensByStatus() {
      const rows = await db.all('SELECT status, COUNT(*) AS n FROM tokens GROUP BY status ORDER BY status');
      return rows.map((row) => ({ status: oneOf(row, 'status', TOKEN_STATUSES), count: int(row, 'n') }));
    },

    async listTokens(filter: TokenListFilter, limit: number, offset: number): Promise<{ rows: TokenListRow[]; total: number }> {
      const [where, params, order]: [string, SqlValue[], string] =
        filter.kind === 'status'
          ? ['status = ?', [filter.status], 'serial']
          : ["expires_at_ms >= ? AND expires_at_ms < ? AND status NOT IN ('revoked', 'lost')", [filter.fromMs, filter.untilMs], 'expires_at_ms, serial'];
      const rows = await db.all(`SELECT ${TOKEN_SUMMARY_COLUMNS}, contract_id FROM tokens WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, limit, offset]);
      const total = await db.all(`SELECT COUNT(*) AS n FROM tokens WHERE ${where}`, params);
      return {
        rows: rows.map((row) => ({ ...tokenSummaryFromRow(row), contractId: textOrNull(row, 'contract_id') })),
        total: total[0] === undefined ? 0 : int(total[0], 'n'),
      };
    },

    async countTokensExpiring(fromMs: number, untilMs: number): Promise<number> {
      const rows = await db.all(
        `SELECT COUNT(*) AS n FROM tokens WHERE expires_at_ms >= ? AND expires_at_ms < ? AND status NOT IN ('revoked', 'lost')`,
        [fromMs, untilMs],
      );
      return rows[0] === undefined ? 0 : int(rows[0], 'n');
    },

    async countLocks(maxAdmin: number, maxPin: number, maxUser: number): Promise<LockCounts> {
      const rows = await db.all(
        `SELECT (SELECT COUNT(*) FROM contracts WHERE admin_login_failures >= ?) AS admin_logins,
           (SELECT COUNT(*) FROM contracts WHERE confirm_pin_failures >= ?) AS confirm_pins,
           (SELECT COUNT(*) FROM users WHERE login_failures >= ?) AS users`,
        [maxAdmin, maxPin, maxUser],
      );
      const row = rows[0];
      if (row === undefined) throw new Error('SELECT of counts returned no row');
      return { adminLogins: int(row, 'admin_logins'), confirmPins: int(row, 'confirm_pins'), users: int(row, 'users') };
    },

    async countAuditOutcomes(sinceMs: number, untilMs: number): Promise<ActionOutcomeCount[]> {
      const rows = await db.all(
        'SELECT action, outcome, COUNT(*) AS n FROM audit_log WHERE at_ms >= ? AND at_ms < ? GROUP BY action, outcome ORDER BY action, outcome',
        [sinceMs, untilMs],
      );
      return rows.map((row) => ({ action: text(row, 'action'), outcome: text(row, 'outcome'), count: int(row, 'n') }));
    },

    async countAuditPerHour(sinceMs: number, untilMs: number, actions: readonly string[]): Promise<HourCount[]> {
      if (actions.length === 0) return [];
      const rows = await db.all(
        `SELECT at_ms / 3600000 AS hour, COUNT(*) AS n FROM audit_log
         WHERE at_ms >= ? AND at_ms < ? AND action IN (${placeholders(actions.length)}) GROUP BY at_ms / 3600000 ORDER BY 1`,
        [sinceMs, untilMs, ...actions],
      );
      return rows.map((row) => ({ hourStartMs: int(row, 'hour') * 3_600_000, count: int(row, 'n') }));
    },
  };
}
