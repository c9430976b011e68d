// After the bank's 暗証番号再発行 the one-time initial value is for changing it only: until the administrator
// (or the user) has changed it, every screen but its change screen and ログアウト leads back there.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminMustChange } from '../domain/admin-sessions.ts';
import { adminOf } from './admin-session.ts';

export const ADMIN_PASSWORD_PATH = '/menu/password';
export const ADMIN_CONFIRM_PIN_PATH = '/menu/confirm-pin';

/** The change screen the administrator must go to first, or undefined when nothing must change. */
export function adminForcedPath(mustChange: AdminMustChange): string | undefined {
  if (mustChange.adminPasswordMustChange) return ADMIN_PASSWORD_PATH;
  if (mustChange.confirmPinMustChange) return ADMIN_CONFIRM_PIN_PATH;
  return undefined;
}

/** preHandler of the admin's screens, after requireAdmin: the flags came with the session (resumeAdminSession). */
export function requireChangedAdminSecrets() {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/logout') return undefined;
    const forced = adminForcedPath(adminOf(request).mustChange);
    if (forced === undefined || path === forced) return undefined;
    return reply.redirect(forced, 303);
  };
}
