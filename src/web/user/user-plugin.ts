// The users' screens as a Fastify plugin: register it on the app of createApp (which brings the cookie and
// form parsers, the security headers and the admin's screens) with `app.register(userPlugin, { deps, ... })`.
// Everything lives under /user, with its own session cookie, CSRF checks, error pages and 404 page.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import type { ErrorCode } from '../../domain/error-codes.ts';
import { cookieOptions } from '../admin-session.ts';
import { HttpFailure } from '../http-failure.ts';
import { createLoginRateLimit, type LoginRateLimit } from '../login-rate-limit.ts';
import { sendPage } from '../respond.ts';
import { paymentRoutes } from './routes/payment-routes.ts';
import { payEasyRoutes } from './routes/payeasy-routes.ts';
import { reservationRoutes } from './routes/reservation-routes.ts';
import { transferRoutes } from './routes/transfer-routes.ts';
import { userLoginRoutes, userLogoutRoute } from './routes/user-login-routes.ts';
import { userMenuRoutes } from './routes/user-menu-routes.ts';
import { userCredentialRoutes } from './routes/user-credential-routes.ts';
import { requireChangedUserSecrets } from './forced-user-change.ts';
import { checkUserCsrf, loadUserSession, requireUser, userCookieNames } from './user-session.ts';
import { USER_STYLESHEET, USER_STYLESHEET_PATH } from './user-static.ts';
import { userErrorPage } from './views/user-error-page.ts';
import type { UserPageSession } from './views/user-layout.ts';

export interface UserPluginOptions {
  readonly deps: DomainDeps;
  /** As createApp's: set behind TLS (cookies get Secure and the `__Host-` prefix). */
  readonly secureCookies: boolean;
  /** Defaults to the database-backed limiter of its screen (per source and per account). */
  readonly rateLimit?: LoginRateLimit;
}

function codeFor(status: number): ErrorCode {
  if (status === 404) return 'page_not_found';
  if (status === 429) return 'too_many_requests';
  if (status === 403) return 'csrf_invalid';
  return status >= 500 ? 'server_error' : 'bad_request';
}

function headerOf(request: FastifyRequest): UserPageSession | undefined {
  // Names would need the database, which may be what failed; the header shows neutral ones.
  const user = request.bankUser;
  return user === null || user === undefined ? undefined : { contractName: `ご契約先ID ${user.contractId}`, userName: user.loginId, csrfToken: user.session.csrfToken };
}

export async function userPlugin(app: FastifyInstance, opts: UserPluginOptions): Promise<void> {
  const { deps } = opts;
  const names = userCookieNames(opts.secureCookies);
  const cookies = cookieOptions(opts.secureCookies);
  const rateLimit = opts.rateLimit ?? createLoginRateLimit(deps.store, 'user');

  app.get(USER_STYLESHEET_PATH, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(USER_STYLESHEET));

  await app.register(async (site) => {
    site.decorateRequest('bankUser', null);
    site.decorateRequest('bankUserExpired', false);
    site.addHook('onRequest', loadUserSession(deps, names));
    site.setErrorHandler(async (error: FastifyError | HttpFailure, request: FastifyRequest, reply: FastifyReply) => {
      const reported = typeof error.statusCode === 'number' ? error.statusCode : 500;
      const status = reported >= 400 && reported < 600 ? reported : 500;
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      const code = error instanceof HttpFailure ? error.errorCode : codeFor(status);
      return sendPage(reply, userErrorPage(code, headerOf(request), 'ご利用いただけません'), status);
    });
    site.setNotFoundHandler(async (request, reply) => sendPage(reply, userErrorPage('page_not_found', headerOf(request), 'ページが見つかりません'), 404));

    userLoginRoutes(site, deps, { names, cookieOptions: cookies, rateLimit });
    await site.register(async (guarded) => {
      guarded.addHook('preHandler', requireUser(names, cookies));
      guarded.addHook('preHandler', checkUserCsrf(deps));
      guarded.addHook('preHandler', requireChangedUserSecrets(deps));
      userLogoutRoute(guarded, deps, { names, cookieOptions: cookies });
      userCredentialRoutes(guarded, deps);
      userMenuRoutes(guarded, deps);
      transferRoutes(guarded, deps);
      payEasyRoutes(guarded, deps);
      paymentRoutes(guarded, deps);
      reservationRoutes(guarded, deps);
    });
  }, { prefix: '/user' });
}
