// ダッシュボード: the numbers the bank's console shows on its first screen, read in one transaction.

import type { DomainDeps } from '../deps.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from '../policy.ts';
import { TOKEN_STATUSES, type TokenStatus } from '../token.ts';
import type { HourCount, LockCounts } from './lifecycle-store-ports.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const EXPIRY_NOTICE_DAYS = 90;

/** Audit actions in which a token's code was checked. */
export const VERIFICATION_ACTIONS = ['payment.authorise', 'api.otp.verify', 'token.verify', 'token.register'] as const;
/** Outcomes that mean a wrong secret or code was given. */
export const FAILURE_OUTCOMES = [
  'login_failed', 'pin_wrong', 'user_login_failed', 'user_pin_wrong', 'token_or_otp_invalid', 'otp_invalid', 'invalid', 'malformed',
] as const;
/** Outcomes that mean something was refused because it is locked. */
export const LOCK_OUTCOMES = ['login_locked', 'pin_locked', 'user_login_locked', 'user_pin_locked', 'token_locked', 'locked'] as const;

export interface DashboardFigures {
  readonly atMs: number;
  readonly tokensByStatus: Readonly<Record<TokenStatus, number>>;
  /** Locks in force now: admin logins, ご契約先確認暗証番号, user logins (tokens: tokensByStatus.locked). */
  readonly locksNow: LockCounts;
  /** In the last 24 hours: wrong secrets or codes, and refusals because of a lock. */
  readonly failuresLast24h: number;
  readonly lockRefusalsLast24h: number;
  readonly tokensExpiringWithin90Days: number;
  /** 24 buckets, oldest first, the last one the current hour. */
  readonly verificationsPerHour: readonly HourCount[];
}

export async function dashboardFigures(deps: DomainDeps): Promise<DashboardFigures> {
  const atMs = deps.now();
  const currentHour = Math.floor(atMs / HOUR_MS) * HOUR_MS;
  const firstHour = currentHour - 23 * HOUR_MS;
  return deps.store.transaction(async (tx) => {
    const byStatus = Object.fromEntries(TOKEN_STATUSES.map((s) => [s, 0])) as Record<TokenStatus, number>;
    for (const row of await tx.lifecycle.countTokensByStatus()) byStatus[row.status] = row.count;
    const outcomes = await tx.lifecycle.countAuditOutcomes(atMs - DAY_MS, atMs + 1);
    const sum = (set: readonly string[]): number => outcomes.filter((o) => set.includes(o.outcome)).reduce((n, o) => n + o.count, 0);
    const perHour = new Map((await tx.lifecycle.countAuditPerHour(firstHour, currentHour + HOUR_MS, VERIFICATION_ACTIONS)).map((h) => [h.hourStartMs, h.count]));
    return {
      atMs,
      tokensByStatus: byStatus,
      locksNow: await tx.lifecycle.countLocks(MAX_LOGIN_FAILURES, MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES),
      failuresLast24h: sum(FAILURE_OUTCOMES),
      lockRefusalsLast24h: sum(LOCK_OUTCOMES),
      tokensExpiringWithin90Days: await tx.lifecycle.countTokensExpiring(atMs, atMs + EXPIRY_NOTICE_DAYS * DAY_MS),
      verificationsPerHour: Array.from({ length: 24 }, (_, i) => {
        const hourStartMs = firstHour + i * HOUR_MS;
        return { hourStartMs, count: perHour.get(hourStartMs) ?? 0 };
      }),
    };
  });
}
