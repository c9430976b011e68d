// The steps every audience's login POST shares around its own credential check: before it, the login
// form's CSRF token and same-origin check, then the per-IP rate limit (the one place the limiter is called);
// after it, the new session's cookie (rotated: the domain's start function ends the previous session) and
// the end of the login form's token.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAnonymousAudit } from '../../domain/anonymous-audit.ts';
import { BANK_CHAIN } from '../../domain/audit.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import type { LoginRateLimit } from '../login-rate-limit.ts';
import { cookiesOf, type Audience } from './audience.ts';
import { clearLoginCsrf, loginCsrfValid } from './csrf.ts';
import { setSessionCookie } from './session-hook.ts';

export type LoginRefusal =
  | { readonly status: 403; readonly code: 'csrf_invalid' }
  | { readonly status: 429; readonly code: 'too_many_requests'; readonly retryAfterSeconds: number };

/**
 * A refused attempt over the rate limit is audited under this action (once per source and window: anonymous
 * refusals must not each cost a durable write), naming what was typed when it is well-formed.
 */
export interface RateLimitAudit {
  readonly action: string;
  readonly target: string;
}

/** Null when the login POST may go on to check its credentials; else the refusal to show on the login screen. */
/**
 * `account`: the account the attempt is for when what was typed is well-formed (its own bucket, shared by every
 * instance through the database), else null (only the source's bucket counts).
 */
export async function checkLoginPost(
  audience: Audience,
  request: FastifyRequest,
  deps: DomainDeps,
  rateLimit: LoginRateLimit,
  account: string | null,
  audit?: RateLimitAudit,
): Promise<LoginRefusal | null> {
  if (!loginCsrfValid(audience, request)) return { status: 403, code: 'csrf_invalid' };
  const decision = await rateLimit.allow({ source: request.ip, account }, deps.now());
  if (decision.ok) return null;
  if (audit !== undefined) {
    await deps.store.transaction((tx) =>
      appendAnonymousAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: 'anonymous', ip: request.ip, action: audit.action, target: audit.target, outcome: 'rate_limited' }),
    );
  }
  return { status: 429, code: 'too_many_requests', retryAfterSeconds: decision.retryAfterSeconds };
}

/** The session id the browser holds now, which the domain's session start deletes (ASVS 5.0 7.2.4). */
export function previousSessionId(audience: Audience, request: FastifyRequest): string | undefined {
  return request.cookies[cookiesOf(audience).session];
}

/** After a successful login: the new session's cookie; the login form's token is spent. */
export function beginSession(reply: FastifyReply, audience: Audience, sessionId: string): void {
  setSessionCookie(reply, audience, sessionId);
  clearLoginCsrf(audience, reply);
}
