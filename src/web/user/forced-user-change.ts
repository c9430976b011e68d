// After the bank resets a user's 暗証番号, the user's screens lead to its change screen until it is changed:
// a reset 利用者暗証番号 right after login, a reset 利用者確認暗証番号 before any payment (reset-credential.ts).

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import { userOf } from './user-session.ts';

export const USER_PASSWORD_PATH = '/user/password';
export const USER_CONFIRM_PIN_PATH = '/user/confirm-pin';

/** preHandler of the user's guarded screens, after requireUser. */
export function requireChangedUserSecrets(deps: DomainDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/user/logout') return undefined;
    const user = userOf(request);
    const record = await deps.store.transaction((tx) => tx.users.get(user.contractId, user.loginId));
    const forced = record?.passwordMustChange === true ? USER_PASSWORD_PATH : record?.confirmPinMustChange === true ? USER_CONFIRM_PIN_PATH : undefined;
    if (forced === undefined || path === forced) return undefined;
    return reply.redirect(forced, 303);
  };
}
