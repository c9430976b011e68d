// 管理者メニュー and 「ご契約先管理情報変更」.

import type { FastifyInstance } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import { adminOf } from '../admin-session.ts';
import { overviewOf, pageSession, sendPage, SHOWS_OVERVIEW } from '../respond.ts';
import { adminMenuPage, contractMenuPage } from '../views/menu-pages.ts';

export function menuRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/menu', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const overview = await overviewOf(deps, admin);
    return sendPage(reply, adminMenuPage(pageSession(admin, overview), overview));
  });

  app.get('/menu/contract', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const overview = await overviewOf(deps, admin);
    return sendPage(reply, contractMenuPage(pageSession(admin, overview)));
  });
}
