// The users' (利用者) audience for the session kit (src/web/kit): its cookies (apart from the admin's, so one
// browser can hold both; the names sessions have always had), its login path and idle timeout, and the slot
// holding the user context of a request.

import type { FastifyRequest } from 'fastify';
import type { Actor, DomainDeps } from '../../domain/deps.ts';
import { USER_IDLE_TIMEOUT_MS } from '../../domain/payment-policy.ts';
import type { SessionRecord } from '../../domain/store-ports.ts';
import { resumeUserSession, userActorName } from '../../domain/user-sessions.ts';
import type { Audience } from '../kit/audience.ts';
import { bindSessionKit, type SessionKit } from '../kit/session-kit.ts';
import { createSessionSlot, type SessionSlot } from '../kit/session-slot.ts';
import type { UserPageSession } from './views/user-layout.ts';

export interface UserContext {
  readonly session: SessionRecord;
  readonly contractId: string;
  readonly loginId: string;
  readonly who: Actor;
}

export const userSlot: SessionSlot<UserContext> = createSessionSlot<UserContext>('user');

export function userActor(loginId: string, ip: string): Actor {
  return { actor: userActorName(loginId), ip };
}

/** The users' hooks; an idle session ends in resumeUserSession, a refused POST is audited on the contract's chain. */
export function userSessionKit(deps: DomainDeps, secure: boolean): SessionKit {
  const audience: Audience = { name: 'user', sessionCookie: 'bizotp_usid', loginCsrfCookie: 'bizotp_ulogin', loginPath: '/user/login', idleTimeoutMs: USER_IDLE_TIMEOUT_MS, secure };
  return bindSessionKit(deps, audience, userSlot, {
    async resume(id, request) {
      const found = await resumeUserSession(deps, id, request.ip);
      if (found.kind !== 'active') return found;
      const { session } = found;
      if (session.loginId === null) return { kind: 'none' };
      return { kind: 'found', context: { session, contractId: session.contractId, loginId: session.loginId, who: userActor(session.loginId, request.ip) } };
    },
    csrfTokenOf: (c) => c.session.csrfToken,
    chainOf: (c) => c.contractId,
  });
}

export function userOf(request: FastifyRequest): UserContext {
  return userSlot.require(request);
}

/** The error page's header: names would need the database, which may be what failed; neutral ones. */
export function userErrorHeader(request: FastifyRequest): UserPageSession | undefined {
  const user = userSlot.of(request);
  return user === null ? undefined : { contractName: `ご契約先ID ${user.contractId}`, userName: user.loginId, csrfToken: user.session.csrfToken };
}
