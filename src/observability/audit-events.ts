// What the metrics count, read from the audit entries a committed transaction wrote: every verification,
// login and lock is audited in the transaction that decided it (style.md), so counting committed entries
// counts exactly what happened, on every path (API, payments, registration, screens), with no hook in the domain.

import type { AuditEntry } from '../domain/store-ports.ts';

export type AuditEvent =
  | { readonly kind: 'verification'; readonly action: string; readonly result: string }
  | { readonly kind: 'login'; readonly audience: string; readonly result: string }
  | { readonly kind: 'lock'; readonly what: string };

const LOGIN_AUDIENCES: Readonly<Record<string, string>> = { 'admin.login': 'admin', 'user.login': 'user', 'staff.login': 'staff' };

/** Where a rejection was decided by a token's code, the detail says so (use-token.ts's reason and lockedNow). */
const LOCKED_NOW_FLAGS: Readonly<Record<string, string>> = {
  tokenLockedNow: 'token',
  pinLockedNow: 'confirm_pin',
  userPinLockedNow: 'user_confirm_pin',
  lockedNow: 'login',
};

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The label values are bounded: actions and outcomes are the domain's fixed words, never user input. */
export function auditEventsOf(entry: AuditEntry): AuditEvent[] {
  const detail = parseDetail(entry.detail);
  const events: AuditEvent[] = [];
  if (entry.action === 'api.otp.verify') events.push({ kind: 'verification', action: entry.action, result: entry.outcome });
  else if ('tokenLockedNow' in detail && typeof detail.cause === 'string') events.push({ kind: 'verification', action: entry.action, result: detail.cause });
  const audience = LOGIN_AUDIENCES[entry.action];
  if (audience !== undefined) events.push({ kind: 'login', audience, result: entry.outcome });
  for (const [flag, what] of Object.entries(LOCKED_NOW_FLAGS)) {
    if (detail[flag] === true) events.push({ kind: 'lock', what: what === 'login' ? `${audience ?? 'other'}_login` : what });
  }
  return events;
}
