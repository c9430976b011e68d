// After the bank's 暗証番号再発行 the one-time initial value is for changing it only: until the administrator
// (or the user) has changed it, every screen but its change screen and ログアウト leads back there.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../domain/deps.ts';
import { readStore } from '../domain/read-store.ts';
import { adminOf } from './admin-session.ts';

export const ADMIN_PASSWORD_PATH = '/menu/password';
export const ADMIN_CONFIRM_PIN_PATH = '/menu/confirm-pin';

/** The change screen the administrator must go to first, or undefined when nothing must change. */
export async function adminForcedPath(deps: DomainDeps, contractId: string): Promise<string | undefined> {
  const contract = await readStore(deps.store, (tx) => tx.contracts.get(contractId));
  if (contract?.adminPasswordMustChange === true) return ADMIN_PASSWORD_PATH;
  if (contract?.confirmPinMustChange === true) return ADMIN_CONFIRM_PIN_PATH;
  return undefined;
}

/** preHandler of the admin's screens, after requireAdmin. */
export function requireChangedAdminSecrets(deps: DomainDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/logout') return undefined;
    const forced = await adminForcedPath(deps, adminOf(request).contractId);
    if (forced === undefined || path === forced) return undefined;
    return reply.redirect(forced, 303);
  };
}
