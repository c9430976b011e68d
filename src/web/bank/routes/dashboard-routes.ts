// ダッシュボード: the lifecycle read model's figures (src/domain/lifecycle/dashboard-figures.ts) and the
// count of requests awaiting approval.

import type { FastifyInstance } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { dashboardFigures } from '../../../domain/lifecycle/index.ts';
import { sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { dashboardPage } from '../views/dashboard-page.ts';

const DAY_MS = 86_400_000;

export function dashboardRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/dashboard', { config: { staffAction: 'view' } }, async (request, reply) => {
    const figures = await dashboardFigures(deps);
    const pendingApprovals = await deps.store.transaction((tx) => tx.approvals.countPending(figures.atMs));
    const auditSince = new Date(figures.atMs - DAY_MS + 9 * 3_600_000).toISOString().slice(0, 10);
    return sendPage(reply, dashboardPage({ session: pageSessionOf(staffOf(request)), figures, pendingApprovals, auditSince }));
  });
}
