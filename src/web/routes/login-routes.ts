// 管理者でログイン and ログアウト. The login form has its own CSRF token (a cookie and a hidden field that must
// match), so that another site cannot log a browser into an account of its choosing (kit/login-gate.ts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endAdminSession, startAdminSession } from '../../domain/admin-sessions.ts';
import { adminLogin } from '../../domain/contracts.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { parseContractId, parseSecretAttempt } from '../../domain/inputs.ts';
import { adminActor, adminSlot } from '../admin-session.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../form.ts';
import type { Audience } from '../kit/audience.ts';
import { loginCsrfToken } from '../kit/csrf.ts';
import { beginSession, checkLoginPost, previousSessionId } from '../kit/login-gate.ts';
import { sessionLogoutRoute } from '../kit/session-kit.ts';
import type { LoginRateLimit } from '../login-rate-limit.ts';
import { FORM_ERROR_STATUS, sendPage } from '../respond.ts';
import { loginPage } from '../views/login-page.ts';

export interface LoginRouteOptions {
  readonly audience: Audience;
  readonly rateLimit: LoginRateLimit;
}

/** The public routes: the login screen and its POST. */
export function loginRoutes(app: FastifyInstance, deps: DomainDeps, o: LoginRouteOptions): void {
  const show = (request: FastifyRequest, reply: FastifyReply, status: number, contractId: string, errors: FieldErrors, info?: 'logged_out', triesLeft?: number, retryAfterSeconds?: number): FastifyReply =>
    sendPage(reply, loginPage({ csrfToken: loginCsrfToken(o.audience, request, reply), contractId, errors, ...(info === undefined ? {} : { info }), triesLeft, retryAfterSeconds }), status);

  app.get('/', async (request, reply) => reply.redirect(adminSlot.of(request) === null ? '/login' : '/menu', 303));

  app.get('/login', async (request, reply) => {
    if (adminSlot.of(request) !== null) return reply.redirect('/menu', 303);
    const expired = field(request.query, 'expired') === '1';
    const loggedOut = field(request.query, 'done') === 'logout';
    return show(request, reply, 200, '', expired ? { [FORM_ERROR]: 'session_expired' } : {}, loggedOut ? 'logged_out' : undefined);
  });

  app.post('/login', async (request, reply) => {
    const typedId = field(request.body, 'contractId')?.trim().slice(0, 11) ?? '';
    const wellFormed = /^\d{11}$/.test(typedId);
    const refused = await checkLoginPost(o.audience, request, deps, o.rateLimit, wellFormed ? typedId : null, { action: 'admin.login', target: wellFormed ? typedId : '' });
    if (refused !== null) {
      if (refused.status === 429) reply.header('retry-after', String(refused.retryAfterSeconds));
      return show(request, reply, refused.status, typedId, { [FORM_ERROR]: refused.code });
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
    const session = await startAdminSession(deps, contractId, previousSessionId(o.audience, request));
    beginSession(reply, o.audience, session.id);
    return reply.redirect('/menu', 303);
  });
}

/** ログアウト: registered among the admin's routes, so it has the session guard and the CSRF check. */
export function logoutRoute(app: FastifyInstance, deps: DomainDeps, audience: Audience): void {
  sessionLogoutRoute(app, audience, adminSlot, (admin) => endAdminSession(deps, admin.who, admin.session));
}
