// Failures nobody can be held to — an unknown ご契約先ID, a refused login of an account that does not exist,
// an unknown API key, a login refused by the throttle — still reach the audit log (ASVS 4.0.3 7.2.1), but as
// ONE entry per chain, action and source address per window: the first failure of the window is written,
// carrying the count of the source's window before it. A flood of made-up ids so costs one bucket upsert
// per request and one audit entry per window, instead of a durable write on a shared chain each time.
// Limit: the count of a source's last window is written only when that source fails again later.
import { appendAudit, type AuditEvent } from './audit.ts';
import { ANONYMOUS_AUDIT_WINDOW_MS } from './policy.ts';
import { sourceKey } from './source-key.ts';
import type { StoreTx } from './store-ports.ts';
import { windowStartMs } from './throttle.ts';

/** No limit: every anonymous failure is counted, and only the first of a window is written. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/** Counts the failure and writes its audit entry if it is the first of its source's window; true if written. */
export async function appendAnonymousAudit(tx: StoreTx, nowMs: number, event: AuditEvent & { readonly ip: string }): Promise<boolean> {
  const bucket = `audit:${event.chain}:${event.action}:${sourceKey(event.ip)}`.slice(0, 200);
  const hit = await tx.throttle.hit(bucket, windowStartMs(nowMs, ANONYMOUS_AUDIT_WINDOW_MS), UNLIMITED);
  if (!hit.counted || hit.hits !== 1) return false;
  await appendAudit(tx, nowMs, {
    ...event,
    detail: { ...event.detail, aggregatedWindowMs: ANONYMOUS_AUDIT_WINDOW_MS, earlierWindowFailures: hit.earlierHits },
  });
  return true;
}
