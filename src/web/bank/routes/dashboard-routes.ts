// ダッシュボード.

import type { FastifyInstance } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { dashboardPage } from '../views/dashboard-page.ts';

export function dashboardRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/dashboard', { config: { staffAction: 'view' } }, async (request, reply) => {
    const figures = await deps.store.transaction((tx) => tx.dashboard.figures(deps.now()));
    return sendPage(reply, dashboardPage(pageSessionOf(staffOf(request)), figures));
  });
}
