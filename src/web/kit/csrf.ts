// ASVS 4.0.3 4.2.2: every POST carries a CSRF token in its hidden `_csrf` field — the session's once
// logged in, the login form's own (a cookie it must match) before — and, when the browser says where the
// form came from, comes from this very site.

import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from '../../domain/session-ids.ts';
import { appendAudit } from '../../domain/audit.ts';
import type { Actor, DomainDeps } from '../../domain/deps.ts';
import { field } from '../form.ts';
import { HttpFailure } from '../http-failure.ts';
import { cookieOptionsOf, cookiesOf, type Audience } from './audience.ts';
import type { SessionSlot } from './session-slot.ts';

export { csrfTokenMatches };

declare module 'fastify' {
  interface FastifyInstance {
    /** AppOptions.publicOrigin: the origin POSTs must come from, or null to compare with the Host header. */
    publicOrigin: string | null;
  }
}

/**
 * When the browser says where a form came from, it must be this very site. Behind a proxy the Host header
 * is whatever the proxy forwards, so a configured public origin (BIZOTP_PUBLIC_ORIGIN, scheme included) is
 * what the Origin must equal, for every audience.
 */
export function isSameOriginPost(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const expected = request.server.publicOrigin ?? null;
  if (origin !== undefined) {
    try {
      const from = new URL(origin);
      // Both sides through URL, so that a default port (":80", ":443") compares equal to none.
      const same = expected !== null ? from.origin === expected : from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
      if (!same) return false;
    } catch {
      return false; // includes the opaque origin "null"
    }
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * preHandler after the guard: a POST without the session's token, or from another site, is refused with
 * 403 after `onRefused` (which audits it) ran.
 */
export function checkSessionCsrf<C>(slot: SessionSlot<C>, tokenOf: (context: C) => string, onRefused: (request: FastifyRequest, context: C) => Promise<void>) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.method !== 'POST') return;
    const context = slot.require(request);
    if (isSameOriginPost(request) && csrfTokenMatches(tokenOf(context), field(request.body, '_csrf'))) return;
    await onRefused(request, context);
    throw new HttpFailure(403, 'csrf_invalid');
  };
}

/** The usual `onRefused`: the refusal is audited (web.csrf) on the chain `chainOf` names, as the session's actor. */
export function auditCsrfRefusal<C extends { readonly who: Actor }>(deps: DomainDeps, chainOf: (context: C) => string) {
  return async (request: FastifyRequest, context: C): Promise<void> => {
    await deps.store.transaction((tx) =>
      appendAudit(tx, deps.now(), { chain: chainOf(context), ...context.who, action: 'web.csrf', target: request.url.split('?')[0], outcome: 'csrf_invalid' }),
    );
  };
}

const LOGIN_CSRF_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The login form's token: the one in its cookie, or a new one set now. */
export function loginCsrfToken(audience: Audience, request: FastifyRequest, reply: FastifyReply): string {
  const { loginCsrf } = cookiesOf(audience);
  const existing = request.cookies[loginCsrf];
  if (existing !== undefined && LOGIN_CSRF_FORMAT.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(loginCsrf, token, cookieOptionsOf(audience));
  return token;
}

/** A login POST must be same-origin and carry the token of its cookie (no login CSRF). */
export function loginCsrfValid(audience: Audience, request: FastifyRequest): boolean {
  const cookie = request.cookies[cookiesOf(audience).loginCsrf];
  return isSameOriginPost(request) && cookie !== undefined && csrfTokenMatches(cookie, field(request.body, '_csrf'));
}

export function clearLoginCsrf(audience: Audience, reply: FastifyReply): void {
  reply.clearCookie(cookiesOf(audience).loginCsrf, cookieOptionsOf(audience));
}
