// The user (利用者) session on the web: its cookie (apart from the admin's, so one browser can hold both),
// the hook that finds it for each request under /user, the guard of the user's screens, and the CSRF check
// of every POST they receive (ASVS 4.0.3 4.2.2).

import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from '../../domain/admin-sessions.ts';
import { appendAudit } from '../../domain/audit.ts';
import type { Actor, DomainDeps } from '../../domain/deps.ts';
import type { SessionRecord } from '../../domain/store-ports.ts';
import { resumeUserSession, userActorName } from '../../domain/user-sessions.ts';
import { isSameOriginPost } from '../admin-session.ts';
import { field } from '../form.ts';
import { HttpFailure } from '../http-failure.ts';

export interface UserContext {
  readonly session: SessionRecord;
  readonly contractId: string;
  readonly loginId: string;
  readonly who: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    bankUser: UserContext | null;
    bankUserExpired: boolean;
  }
}

export interface UserCookieNames {
  readonly session: string;
  readonly loginCsrf: string;
}

/** Behind TLS the `__Host-` prefix makes the browser insist on Secure, Path=/ and no Domain. */
export function userCookieNames(secure: boolean): UserCookieNames {
  return secure ? { session: '__Host-bizotp_usid', loginCsrf: '__Host-bizotp_ulogin' } : { session: 'bizotp_usid', loginCsrf: 'bizotp_ulogin' };
}

const SESSION_ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function userActor(loginId: string, ip: string): Actor {
  return { actor: userActorName(loginId), ip };
}

/** onRequest of every /user route: finds the session of the cookie, if any; an idle one ends here. */
export function loadUserSession(deps: DomainDeps, names: UserCookieNames) {
  return async (request: FastifyRequest): Promise<void> => {
    request.bankUser = null;
    request.bankUserExpired = false;
    const id = request.cookies[names.session];
    if (id === undefined || !SESSION_ID_FORMAT.test(id)) return;
    const found = await resumeUserSession(deps, id, request.ip);
    if (found.kind === 'active' && found.session.loginId !== null) {
      const { session } = found;
      request.bankUser = { session, contractId: session.contractId, loginId: found.session.loginId, who: userActor(found.session.loginId, request.ip) };
    } else if (found.kind === 'expired') {
      request.bankUserExpired = true;
    }
  };
}

/** preHandler of the user's screens: without a session, to the login screen (saying why, after a timeout). */
export function requireUser(names: UserCookieNames, cookieOptions: object) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.bankUser !== null) return undefined;
    if (request.cookies[names.session] !== undefined) reply.clearCookie(names.session, cookieOptions);
    return reply.redirect(request.bankUserExpired ? '/user/login?expired=1' : '/user/login', 303);
  };
}

export function userOf(request: FastifyRequest): UserContext {
  if (request.bankUser === null) throw new Error('a user route ran without the requireUser guard');
  return request.bankUser;
}

/** A POST must carry the session's CSRF token and, when the browser says where it came from, be same-origin. */
export function checkUserCsrf(deps: DomainDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.method !== 'POST') return;
    const user = userOf(request);
    if (isSameOriginPost(request) && csrfTokenMatches(user.session.csrfToken, field(request.body, '_csrf'))) return;
    await deps.store.transaction((tx) =>
      appendAudit(tx, deps.now(), { chain: user.contractId, ...user.who, action: 'web.csrf', target: request.url.split('?')[0], outcome: 'csrf_invalid' }),
    );
    throw new HttpFailure(403, 'csrf_invalid');
  };
}
