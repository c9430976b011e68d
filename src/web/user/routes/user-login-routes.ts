// 利用者ログイン and ログアウト. The login form has its own CSRF token (a cookie and a hidden field that must
// match), so that another site cannot log a browser into an account of its choosing.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from '../../../domain/admin-sessions.ts';
import { appendAnonymousAudit } from '../../../domain/anonymous-audit.ts';
import { BANK_CHAIN } from '../../../domain/audit.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId, parseLoginId, parseSecretAttempt } from '../../../domain/inputs.ts';
import { userLogin } from '../../../domain/user-login.ts';
import { endUserSession, startUserSession } from '../../../domain/user-sessions.ts';
import { isSameOriginPost } from '../../admin-session.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import type { LoginRateLimit } from '../../login-rate-limit.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { userActor, userOf, type UserCookieNames } from '../user-session.ts';
import { userLoginPage } from '../views/user-login-page.ts';

export interface UserLoginRouteOptions {
  readonly names: UserCookieNames;
  readonly cookieOptions: { path: string; httpOnly: true; sameSite: 'strict'; secure: boolean };
  readonly rateLimit: LoginRateLimit;
}

const LOGIN_CSRF_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function userLoginRoutes(app: FastifyInstance, deps: DomainDeps, o: UserLoginRouteOptions): void {
  const loginCsrf = (request: FastifyRequest, reply: FastifyReply): string => {
    const existing = request.cookies[o.names.loginCsrf];
    if (existing !== undefined && LOGIN_CSRF_FORMAT.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(o.names.loginCsrf, token, o.cookieOptions);
    return token;
  };
  const show = (request: FastifyRequest, reply: FastifyReply, status: number, typed: { contractId: string; loginId: string }, errors: FieldErrors, info?: 'logged_out', triesLeft?: number, retryAfterSeconds?: number): FastifyReply =>
    sendPage(reply, userLoginPage({ csrfToken: loginCsrf(request, reply), ...typed, errors, ...(info === undefined ? {} : { info }), triesLeft, retryAfterSeconds }), status);

  app.get('/', async (request, reply) => reply.redirect(request.bankUser === null ? '/user/login' : '/user/menu', 303));

  app.get('/login', async (request, reply) => {
    if (request.bankUser !== null) return reply.redirect('/user/menu', 303);
    const expired = field(request.query, 'expired') === '1';
    const loggedOut = field(request.query, 'done') === 'logout';
    return show(request, reply, 200, { contractId: '', loginId: '' }, expired ? { [FORM_ERROR]: 'session_expired' } : {}, loggedOut ? 'logged_out' : undefined);
  });

  app.post('/login', async (request, reply) => {
    const typed = { contractId: field(request.body, 'contractId')?.trim().slice(0, 11) ?? '', loginId: field(request.body, 'loginId')?.trim().slice(0, 30) ?? '' };
    const cookieToken = request.cookies[o.names.loginCsrf];
    if (!isSameOriginPost(request) || cookieToken === undefined || !csrfTokenMatches(cookieToken, field(request.body, '_csrf'))) {
      return show(request, reply, 403, typed, { [FORM_ERROR]: 'csrf_invalid' });
    }
    const wellFormed = /^\d{11}$/.test(typed.contractId) && typed.loginId !== '';
    const limited = await o.rateLimit.allow({ source: request.ip, account: wellFormed ? `${typed.contractId}/${typed.loginId}` : null }, deps.now());
    if (!limited.ok) {
      await deps.store.transaction((tx) =>
        appendAnonymousAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: 'anonymous', ip: request.ip, action: 'user.login', target: /^\d{11}$/.test(typed.contractId) ? typed.contractId : '', outcome: 'rate_limited' }),
      );
      reply.header('retry-after', String(limited.retryAfterSeconds));
      return show(request, reply, 429, typed, { [FORM_ERROR]: 'too_many_requests' });
    }
    const form = new FormReader();
    const contractId = form.take(parseContractId(field(request.body, 'contractId')));
    const loginId = form.take(parseLoginId(field(request.body, 'loginId')));
    const password = form.take(parseSecretAttempt(field(request.body, 'password'), 'password'));
    if (!form.ok) return show(request, reply, FORM_ERROR_STATUS, typed, form.errors);

    const result = await userLogin(deps, userActor(loginId, request.ip), contractId, loginId, password);
    if (!result.ok && result.code === 'login_delayed') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return show(request, reply, 429, typed, { [FORM_ERROR]: result.code }, undefined, undefined, result.retryAfterSeconds);
    }
    if (!result.ok) return show(request, reply, FORM_ERROR_STATUS, typed, { [FORM_ERROR]: result.code }, undefined, result.triesLeft);

    // ASVS 5.0 7.2.4: a new session id at login; the browser's previous user session, if any, ends.
    const session = await startUserSession(deps, contractId, loginId, request.cookies[o.names.session]);
    reply.setCookie(o.names.session, session.id, o.cookieOptions);
    reply.clearCookie(o.names.loginCsrf, o.cookieOptions);
    return reply.redirect('/user/menu', 303);
  });
}

/** ログアウト: among the guarded routes, so it has the session guard and the CSRF check. */
export function userLogoutRoute(app: FastifyInstance, deps: DomainDeps, o: Pick<UserLoginRouteOptions, 'names' | 'cookieOptions'>): void {
  app.post('/logout', async (request, reply) => {
    const user = userOf(request);
    await endUserSession(deps, user.who, user.session);
    reply.clearCookie(o.names.session, o.cookieOptions);
    return reply.redirect('/user/login?done=logout', 303);
  });
}
