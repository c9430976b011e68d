// The users' screens as a Fastify plugin: register it on the app of createApp (which brings the cookie and
// form parsers, the security headers and the admin's screens) with `app.register(userPlugin, { deps, ... })`.
// Everything lives under /user, with its own session cookie, CSRF checks, error pages and 404 page.

import type { FastifyInstance } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import { installAudienceErrors } from '../kit/error-handler.ts';
import { guardScope } from '../kit/session-kit.ts';
import { createLoginRateLimit, type LoginRateLimit } from '../login-rate-limit.ts';
import { paymentRoutes } from './routes/payment-routes.ts';
import { payEasyRoutes } from './routes/payeasy-routes.ts';
import { reservationRoutes } from './routes/reservation-routes.ts';
import { transferRoutes } from './routes/transfer-routes.ts';
import { userLoginRoutes, userLogoutRoute } from './routes/user-login-routes.ts';
import { userMenuRoutes } from './routes/user-menu-routes.ts';
import { userCredentialRoutes } from './routes/user-credential-routes.ts';
import { requireChangedUserSecrets } from './forced-user-change.ts';
import { userErrorHeader, userSessionKit } from './user-session.ts';
import { USER_STYLESHEET, USER_STYLESHEET_PATH } from './user-static.ts';
import { userErrorPage } from './views/user-error-page.ts';

export interface UserPluginOptions {
  readonly deps: DomainDeps;
  /** As createApp's: set behind TLS (cookies get Secure and the `__Host-` prefix). */
  readonly secureCookies: boolean;
  /** Defaults to the database-backed limiter of its screen (per source and per account). */
  readonly rateLimit?: LoginRateLimit;
}

export async function userPlugin(app: FastifyInstance, opts: UserPluginOptions): Promise<void> {
  const { deps } = opts;
  const kit = userSessionKit(deps, opts.secureCookies);
  const rateLimit = opts.rateLimit ?? createLoginRateLimit(deps.store, 'user');

  app.get(USER_STYLESHEET_PATH, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(USER_STYLESHEET));

  await app.register(async (site) => {
    site.addHook('onRequest', kit.load);
    installAudienceErrors(site, (code, request) => userErrorPage(code, userErrorHeader(request), code === 'page_not_found' ? 'ページが見つかりません' : 'ご利用いただけません'));

    userLoginRoutes(site, deps, { audience: kit.audience, rateLimit });
    await site.register(async (guarded) => {
      guardScope(guarded, kit);
      guarded.addHook('preHandler', requireChangedUserSecrets(deps));
      userLogoutRoute(guarded, deps, kit.audience);
      userCredentialRoutes(guarded, deps);
      userMenuRoutes(guarded, deps);
      transferRoutes(guarded, deps);
      payEasyRoutes(guarded, deps);
      paymentRoutes(guarded, deps);
      reservationRoutes(guarded, deps);
    });
  }, { prefix: '/user' });
}
