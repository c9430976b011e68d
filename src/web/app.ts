// createApp(deps) builds the web application and never listens (server.ts does), so tests call it
// in-process with `inject`. The admin's screens (product.md §3) live in routes/, their HTML in views/.

import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DomainDeps } from '../domain/deps.ts';
import { adminErrorHeader, adminSessionKit } from './admin-session.ts';
import { installAudienceErrors } from './kit/error-handler.ts';
import { guardScope } from './kit/session-kit.ts';
import { createLoginRateLimit, type LoginRateLimit } from './login-rate-limit.ts';
import { credentialRoutes } from './routes/credential-routes.ts';
import { requireChangedAdminSecrets } from './forced-change.ts';
import { loginRoutes, logoutRoute } from './routes/login-routes.ts';
import { menuRoutes } from './routes/menu-routes.ts';
import { otpRoutes } from './routes/otp-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { STYLESHEET, STYLESHEET_PATH } from './static-assets.ts';
import { apiPlugin } from './api/api-plugin.ts';
import { userPlugin } from './user/user-plugin.ts';
import { bankPlugin } from './bank/bank-plugin.ts';
import { appTokenPlugin } from './app-token/app-token-plugin.ts';
import { appApiPlugin } from './app-api/app-api-plugin.ts';
import { errorPage } from './views/error-page.ts';
import { loggingOptions, type LogStream } from './access-log.ts';
import { installObservability } from './observability.ts';
import { createMetrics, type Metrics } from '../observability/metrics.ts';

export interface AppOptions {
  /** Set when the server is reached over TLS: cookies get Secure and the `__Host-` prefix, and HSTS is sent. */
  readonly secureCookies: boolean;
  readonly logger: boolean;
  /** Defaults to the database-backed limiter (login-rate-limit.ts), shared by every instance. */
  readonly loginRateLimit?: LoginRateLimit;
  /** Peers trusted to name the client in X-Forwarded-For (see Config.trustedProxies); none by default. */
  readonly trustedProxies?: readonly string[];
  /** The origin browsers see (BIZOTP_PUBLIC_ORIGIN): when set, POSTs' Origin must be it, whatever Host says. */
  readonly publicOrigin?: string | null;
  /** Where the JSON access log goes when `logger` is on (stdout by default; tests capture it). */
  readonly logStream?: LogStream;
  /** This instance's metrics (the store's observer too); a fresh registry when absent. */
  readonly metrics?: Metrics;
  /** Addresses allowed to read /metrics (BIZOTP_METRICS_ALLOW); loopback when absent. */
  readonly metricsAllow?: readonly string[];
  /** The bank's name (BIZOTP_BANK_NAME): the issuer of otpauth software tokens issued in the console. */
  readonly bankName?: string;
}

/** Forms are small; anything bigger is refused before it is read. */
const BODY_LIMIT_BYTES = 64 * 1024;

export function createApp(deps: DomainDeps, opts: AppOptions): FastifyInstance {
  const trusted = opts.trustedProxies ?? [];
  // request.ip is then the client's address as the nearest trusted proxy saw it, never a forged header.
  const trustProxy = trusted.length > 0 ? [...trusted] : false;
  // One JSON access line per request, secrets redacted, never bodies (access-log.ts).
  const logging = loggingOptions({ enabled: opts.logger, trustedProxies: trusted, ...(opts.logStream === undefined ? {} : { stream: opts.logStream }) });
  const app = Fastify({ ...logging, trustProxy, bodyLimit: BODY_LIMIT_BYTES });
  const secure = opts.secureCookies;
  const kit = adminSessionKit(deps, secure);
  const rateLimit = opts.loginRateLimit ?? createLoginRateLimit(deps.store, 'admin');

  app.decorate('publicOrigin', opts.publicOrigin ?? null);
  app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  app.register(fastifyCookie);
  app.addHook('onRequest', securityHeaders(secure));
  installAudienceErrors(app, (code, request) => errorPage(code, adminErrorHeader(request)));
  installObservability(app, { metrics: opts.metrics ?? createMetrics(), metricsAllow: opts.metricsAllow ?? ['loopback'] });

  // Liveness: the process answers; no database, so a slow database never gets a live process restarted.
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  // Readiness: one cheap read; a load balancer takes the instance out while the database cannot be reached.
  app.get('/readyz', async (request, reply) => {
    try {
      await deps.store.transaction(async (tx) => tx.contracts.get('00000000000'));
      // A database restored from an older backup, or migrations rolled back under a running server.
      if (((await deps.store.pendingMigrations?.()) ?? []).length > 0) {
        return reply.code(503).header('cache-control', 'no-store').send({ status: 'not_ready', database: deps.store.dialect, reason: 'schema_behind' });
      }
      return reply.header('cache-control', 'no-store').send({ status: 'ready', database: deps.store.dialect });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'not_ready', database: deps.store.dialect, reason: 'database_unreachable' });
    }
  });
  app.get(STYLESHEET_PATH, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(STYLESHEET));

  // Registered after the cookie plugin, so that its hook has the cookies parsed.
  app.register(async (site) => {
    site.addHook('onRequest', kit.load);
    loginRoutes(site, deps, { audience: kit.audience, rateLimit });

    site.register(async (admin) => {
      guardScope(admin, kit);
      admin.addHook('preHandler', requireChangedAdminSecrets());
      logoutRoute(admin, deps, kit.audience);
      credentialRoutes(admin, deps);
      menuRoutes(admin, deps);
      userRoutes(admin, deps);
      otpRoutes(admin, deps);
    });
  });
  // The users' side (login, 資金移動, 税金・各種料金の払込み) and the bank systems' JSON API, each with its own
  // sessions or keys, prefixes and error pages.
  app.register(userPlugin, { deps, secureCookies: secure });
  app.register(apiPlugin, { deps });
  // The bank staff console (/bank), on the shared session kit (kit/).
  app.register(bankPlugin, { deps, secureCookies: secure, ...(opts.bankName === undefined ? {} : { bankName: opts.bankName }) });
  // The software token app (/app: page, service worker, manifest), with its own CSP.
  app.register(appTokenPlugin);
  // The software token app's JSON API (/app/api): activation, confirmation, 利用解除, time.
  app.register(appApiPlugin, { deps });
  return app;
}
