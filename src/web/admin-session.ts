// The admin session on the web: the cookie that carries its id, the hook that finds it for each request,
// the guard of the admin's screens, and the CSRF check of every POST they receive.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches, resumeAdminSession } from '../domain/admin-sessions.ts';
import { appendAudit } from '../domain/audit.ts';
import type { Actor, DomainDeps } from '../domain/deps.ts';
import type { SessionRecord } from '../domain/store-ports.ts';
import { field } from './form.ts';
import { HttpFailure } from './http-failure.ts';

export interface AdminContext {
  readonly session: SessionRecord;
  readonly contractId: string;
  readonly who: Actor;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** AppOptions.publicOrigin: the origin POSTs must come from, or null to compare with the Host header. */
    publicOrigin: string | null;
  }
  interface FastifyRequest {
    admin: AdminContext | null;
    sessionExpired: boolean;
  }
}

export interface CookieNames {
  readonly session: string;
  readonly loginCsrf: string;
}

/** Behind TLS the `__Host-` prefix makes the browser insist on Secure, Path=/ and no Domain. */
export function cookieNames(secure: boolean): CookieNames {
  return secure ? { session: '__Host-bizotp_sid', loginCsrf: '__Host-bizotp_login' } : { session: 'bizotp_sid', loginCsrf: 'bizotp_login' };
}

export function cookieOptions(secure: boolean): { path: string; httpOnly: true; sameSite: 'strict'; secure: boolean } {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure };
}

const SESSION_ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function adminActor(contractId: string, ip: string): Actor {
  return { actor: `admin:${contractId}`, ip };
}

/** onRequest: finds the session of the cookie, if any; an idle one ends here. */
export function loadAdminSession(deps: DomainDeps, names: CookieNames) {
  return async (request: FastifyRequest): Promise<void> => {
    request.admin = null;
    request.sessionExpired = false;
    const id = request.cookies[names.session];
    if (id === undefined || !SESSION_ID_FORMAT.test(id)) return;
    const found = await resumeAdminSession(deps, id, request.ip);
    if (found.kind === 'active') {
      const { session } = found;
      request.admin = { session, contractId: session.contractId, who: adminActor(session.contractId, request.ip) };
    } else if (found.kind === 'expired') {
      request.sessionExpired = true;
    }
  };
}

/** preHandler of the admin's screens: without a session, back to the login screen. */
export function requireAdmin(names: CookieNames, secure: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.admin !== null) return undefined;
    if (request.cookies[names.session] !== undefined) reply.clearCookie(names.session, cookieOptions(secure));
    // Returning the reply ends the request here: no later hook or handler runs.
    return reply.redirect(request.sessionExpired ? '/login?expired=1' : '/login', 303);
  };
}

export function adminOf(request: FastifyRequest): AdminContext {
  if (request.admin === null) throw new Error('an admin route ran without the requireAdmin guard');
  return request.admin;
}

/**
 * ASVS 4.0.3 4.2.2: a POST must carry the session's CSRF token in its hidden field, and, when the browser
 * says where the form came from, come from this very site. Behind a proxy the Host header is whatever the
 * proxy forwards, so a configured public origin (scheme included) is what the Origin must equal.
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

export function checkAdminCsrf(deps: DomainDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.method !== 'POST') return;
    const admin = adminOf(request);
    if (isSameOriginPost(request) && csrfTokenMatches(admin.session.csrfToken, field(request.body, '_csrf'))) return;
    await deps.store.transaction((tx) =>
      appendAudit(tx, deps.now(), { chain: admin.contractId, ...admin.who, action: 'web.csrf', target: request.url.split('?')[0], outcome: 'csrf_invalid' }),
    );
    throw new HttpFailure(403, 'csrf_invalid');
  };
}
