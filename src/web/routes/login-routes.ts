// 管理者でログイン and ログアウト. The login form has its own CSRF token (a cookie and a hidden field that must
// match), so that another site cannot log a browser into an account of its choosing.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches, endAdminSession, startAdminSession } from '../../domain/admin-sessions.ts';
import { appendAnonymousAudit } from '../../domain/anonymous-audit.ts';
import { BANK_CHAIN } from '../../domain/audit.ts';
import { adminLogin } from '../../domain/contracts.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { parseContractId, parseSecretAttempt } from '../../domain/inputs.ts';
import { adminActor, adminOf, cookieOptions, isSameOriginPost, type CookieNames } from '../admin-session.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../form.ts';
import type { LoginRateLimit } from '../login-rate-limit.ts';
import { FORM_ERROR_STATUS, sendPage } from '../respond.ts';
import { loginPage } from '../views/login-page.ts';

export interface LoginRouteOptions {
  readonly names: CookieNames;
  readonly secure: boolean;
  readonly rateLimit: LoginRateLimit;
}

const LOGIN_CSRF_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The public routes: the login screen and its POST. */
export function loginRoutes(app: FastifyInstance, deps: DomainDeps, o: LoginRouteOptions): void {
  const loginCsrf = (request: FastifyRequest, reply: FastifyReply): string => {
    const existing = request.cookies[o.names.loginCsrf];
    if (existing !== undefined && LOGIN_CSRF_FORMAT.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(o.names.loginCsrf, token, cookieOptions(o.secure));
    return token;
  };
  const show = (request: FastifyRequest, reply: FastifyReply, status: number, contractId: string, errors: FieldErrors, info?: 'logged_out', triesLeft?: number, retryAfterSeconds?: number): FastifyReply =>
    sendPage(reply, loginPage({ csrfToken: loginCsrf(request, reply), contractId, errors, ...(info === undefined ? {} : { info }), triesLeft, retryAfterSeconds }), status);

  app.get('/', async (request, reply) => reply.redirect(request.admin === null ? '/login' : '/menu', 303));

  app.get('/login', async (request, reply) => {
    if (request.admin !== null) return reply.redirect('/menu', 303);
    const expired = field(request.query, 'expired') === '1';
    const loggedOut = field(request.query, 'done') === 'logout';
    return show(request, reply, 200, '', expired ? { [FORM_ERROR]: 'session_expired' } : {}, loggedOut ? 'logged_out' : undefined);
  });

  app.post('/login', async (request, reply) => {
    const typedId = field(request.body, 'contractId')?.trim().slice(0, 11) ?? '';
    const cookieToken = request.cookies[o.names.loginCsrf];
    if (!isSameOriginPost(request) || cookieToken === undefined || !csrfTokenMatches(cookieToken, field(request.body, '_csrf'))) {
      return show(request, reply, 403, typedId, { [FORM_ERROR]: 'csrf_invalid' });
    }
    const wellFormed = /^\d{11}$/.test(typedId);
    const limited = await o.rateLimit.allow({ source: request.ip, account: wellFormed ? typedId : null }, deps.now());
    if (!limited.ok) {
      await deps.store.transaction((tx) =>
        appendAnonymousAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: 'anonymous', ip: request.ip, action: 'admin.login', target: wellFormed ? typedId : '', outcome: 'rate_limited' }),
      );
      reply.header('retry-after', String(limited.retryAfterSeconds));
      return show(request, reply, 429, typedId, { [FORM_ERROR]: 'too_many_requests' });
    }
    const form = new FormReader();
    const contractId = form.take(parseContractId(field(request.body, 'contractId')));
    const password = form.take(parseSecretAttempt(field(request.body, 'password'), 'password'));
    if (!form.ok) return show(request, reply, FORM_ERROR_STATUS, field(request.body, 'contractId') ?? '', form.errors);

    const result = await adminLogin(deps, adminActor(contractId, request.ip), contractId, password);
    if (!result.ok && result.code === 'login_delayed') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return show(request, reply, 429, contractId, { [FORM_ERROR]: result.code }, undefined, undefined, result.retryAfterSeconds);
    }
    if (!result.ok) return show(request, reply, FORM_ERROR_STATUS, contractId, { [FORM_ERROR]: result.code }, undefined, result.triesLeft);

    // ASVS 5.0 7.2.4: a new session id at login; the browser's previous session, if any, ends.
    const session = await startAdminSession(deps, contractId, request.cookies[o.names.session]);
    reply.setCookie(o.names.session, session.id, cookieOptions(o.secure));
    reply.clearCookie(o.names.loginCsrf, cookieOptions(o.secure));
    return reply.redirect('/menu', 303);
  });
}

/** ログアウト: registered among the admin's routes, so it has the session guard and the CSRF check. */
export function logoutRoute(app: FastifyInstance, deps: DomainDeps, o: Pick<LoginRouteOptions, 'names' | 'secure'>): void {
  app.post('/logout', async (request, reply) => {
    const admin = adminOf(request);
    await endAdminSession(deps, admin.who, admin.session);
    reply.clearCookie(o.names.session, cookieOptions(o.secure));
    return reply.redirect('/login?done=logout', 303);
  });
}
