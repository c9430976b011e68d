// 利用者ログイン and ログアウト. The login form has its own CSRF token (a cookie and a hidden field that must
// match), so that another site cannot log a browser into an account of its choosing.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId, parseLoginId, parseSecretAttempt } from '../../../domain/inputs.ts';
import { userLogin } from '../../../domain/user-login.ts';
import { endUserSession, startUserSession } from '../../../domain/user-sessions.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import type { Audience } from '../../kit/audience.ts';
import { loginCsrfToken } from '../../kit/csrf.ts';
import { beginSession, checkLoginPost, previousSessionId } from '../../kit/login-gate.ts';
import { sessionLogoutRoute } from '../../kit/session-kit.ts';
import type { LoginRateLimit } from '../../login-rate-limit.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { userActor, userSlot } from '../user-session.ts';
import { userLoginPage } from '../views/user-login-page.ts';

export interface UserLoginRouteOptions {
  readonly audience: Audience;
  readonly rateLimit: LoginRateLimit;
}

export function userLoginRoutes(app: FastifyInstance, deps: DomainDeps, o: UserLoginRouteOptions): void {
  const show = (request: FastifyRequest, reply: FastifyReply, status: number, typed: { contractId: string; loginId: string }, errors: FieldErrors, info?: 'logged_out', triesLeft?: number, retryAfterSeconds?: number): FastifyReply =>
    sendPage(reply, userLoginPage({ csrfToken: loginCsrfToken(o.audience, request, reply), ...typed, errors, ...(info === undefined ? {} : { info }), triesLeft, retryAfterSeconds }), status);

  app.get('/', async (request, reply) => reply.redirect(userSlot.of(request) === null ? '/user/login' : '/user/menu', 303));

  app.get('/login', async (request, reply) => {
    if (userSlot.of(request) !== null) return reply.redirect('/user/menu', 303);
    const expired = field(request.query, 'expired') === '1';
    const loggedOut = field(request.query, 'done') === 'logout';
    return show(request, reply, 200, { contractId: '', loginId: '' }, expired ? { [FORM_ERROR]: 'session_expired' } : {}, loggedOut ? 'logged_out' : undefined);
  });

  app.post('/login', async (request, reply) => {
    const typed = { contractId: field(request.body, 'contractId')?.trim().slice(0, 11) ?? '', loginId: field(request.body, 'loginId')?.trim().slice(0, 30) ?? '' };
    const contractWellFormed = /^\d{11}$/.test(typed.contractId);
    const account = contractWellFormed && typed.loginId !== '' ? `${typed.contractId}/${typed.loginId}` : null;
    const refused = await checkLoginPost(o.audience, request, deps, o.rateLimit, account, { action: 'user.login', target: contractWellFormed ? typed.contractId : '' });
    if (refused !== null) {
      if (refused.status === 429) reply.header('retry-after', String(refused.retryAfterSeconds));
      return show(request, reply, refused.status, typed, { [FORM_ERROR]: refused.code });
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
    const session = await startUserSession(deps, contractId, loginId, previousSessionId(o.audience, request));
    beginSession(reply, o.audience, session.id);
    return reply.redirect('/user/menu', 303);
  });
}

/** ログアウト: among the guarded routes, so it has the session guard and the CSRF check. */
export function userLogoutRoute(app: FastifyInstance, deps: DomainDeps, audience: Audience): void {
  sessionLogoutRoute(app, audience, userSlot, (user) => endUserSession(deps, user.who, user.session));
}
