// The bank staff console (信用金庫の職員向け管理画面) as a Fastify plugin under /bank, on the session kit
// (src/web/kit): its own cookie, 15-minute idle sessions, CSRF on every POST, error pages, and the role
// check on every screen after login (deny by default, staff-roles.ts).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import { installAudienceErrors } from '../kit/error-handler.ts';
import { createLoginRateLimit, type LoginRateLimit } from '../login-rate-limit.ts';
import { pageSessionOf } from './bank-respond.ts';
import { bankAudience, checkStaffCsrf, checkStaffRole, loadStaffSession, requireActiveStaff, staffSlot } from './bank-session.ts';
import { approvalRoutes } from './routes/approval-routes.ts';
import { bankLoginRoutes, bankLogoutRoute } from './routes/bank-login-routes.ts';
import { dashboardRoutes } from './routes/dashboard-routes.ts';
import { readRoutes } from './routes/read-routes.ts';
import { seedImportRoutes } from './routes/seed-import-routes.ts';
import { unlockRoutes } from './routes/unlock-routes.ts';
import { credentialResetRoutes } from './routes/credential-reset-routes.ts';
import { issueRoutes } from './routes/issue-routes.ts';
import { resyncRoutes } from './routes/resync-routes.ts';
import { revokeRoutes } from './routes/revoke-routes.ts';
import { transactionAuthRoutes } from './routes/transaction-auth-routes.ts';
import { bankErrorPage } from './views/bank-error-page.ts';

export interface BankPluginOptions {
  readonly deps: DomainDeps;
  /** As createApp's: set behind TLS (cookies get Secure and the `__Host-` prefix). */
  readonly secureCookies: boolean;
  /** Defaults to the database-backed limiter of its screen (per source and per account). */
  readonly rateLimit?: LoginRateLimit;
}

function headerOf(request: FastifyRequest): ReturnType<typeof pageSessionOf> | undefined {
  const c = staffSlot.of(request);
  return c === null ? undefined : pageSessionOf(c, c.session.stage === 'active');
}

export async function bankPlugin(app: FastifyInstance, opts: BankPluginOptions): Promise<void> {
  const { deps } = opts;
  const audience = bankAudience(opts.secureCookies);
  const rateLimit = opts.rateLimit ?? createLoginRateLimit(deps.store, 'staff');
  const csrf = checkStaffCsrf(deps);

  await app.register(
    async (site) => {
      site.addHook('onRequest', loadStaffSession(deps, audience));
      installAudienceErrors(site, (code, request) => bankErrorPage(code, headerOf(request)));
      bankLoginRoutes(site, deps, { audience, rateLimit, stepHooks: [csrf] });

      await site.register(async (console_) => {
        console_.addHook('preHandler', requireActiveStaff(audience));
        console_.addHook('preHandler', csrf);
        console_.addHook('preHandler', checkStaffRole(deps));
        bankLogoutRoute(console_, deps, audience);
        dashboardRoutes(console_, deps);
        approvalRoutes(console_, deps);
        unlockRoutes(console_, deps);
        readRoutes(console_, deps);
        credentialResetRoutes(console_, deps);
        issueRoutes(console_, deps);
        revokeRoutes(console_, deps);
        resyncRoutes(console_, deps);
        transactionAuthRoutes(console_, deps);
        // Its own scope: multipart uploads are accepted by the シードファイル取込 routes only.
        await console_.register(seedImportRoutes, { deps, audience });
      });
    },
    { prefix: '/bank' },
  );
}
