// 利用者メニュー.

import type { FastifyInstance } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { userHome } from '../../../domain/user-home.ts';
import { sendPage } from '../../respond.ts';
import { userOf } from '../user-session.ts';
import { userMenuPage } from '../views/user-menu-page.ts';

export function userMenuRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/menu', async (request, reply) => {
    const user = userOf(request);
    const home = await deps.store.transaction((tx) => userHome(tx, user.contractId, user.loginId, deps.now()));
    // A session's user exists: resumeUserSession ends the session of a deleted one.
    if (home === undefined) throw new Error(`the session's user ${user.contractId}/${user.loginId} does not exist`);
    return sendPage(reply, userMenuPage({ contractName: home.contractName, userName: home.userName, csrfToken: user.session.csrfToken }, home));
  });
}
