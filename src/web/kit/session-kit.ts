// One audience's session hooks, bound once: the onRequest hook that finds the session, the guard of its
// screens, the CSRF check of their POSTs (a refusal audited on the chain `chainOf` names), and its ログアウト
// route. An audience file (admin-session.ts, user/user-session.ts) supplies only what differs.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, DomainDeps } from '../../domain/deps.ts';
import type { Audience } from './audience.ts';
import { auditCsrfRefusal, checkSessionCsrf } from './csrf.ts';
import { clearSessionCookie, loadSession, requireSession, type Resumed } from './session-hook.ts';
import type { SessionSlot } from './session-slot.ts';

export interface SessionKitOptions<C> {
  readonly resume: (id: string, request: FastifyRequest) => Promise<Resumed<C>>;
  readonly csrfTokenOf: (context: C) => string;
  /** The audit chain a refused POST is recorded on. */
  readonly chainOf: (context: C) => string;
}

export interface SessionKit {
  readonly audience: Audience;
  /** onRequest of the audience's whole site. */
  readonly load: (request: FastifyRequest) => Promise<void>;
  /** preHandlers of its screens behind the login, in order: the guard, then the CSRF check. */
  readonly guards: readonly [ReturnType<typeof requireSession>, (request: FastifyRequest) => Promise<void>];
}

export function bindSessionKit<C extends { readonly who: Actor }>(deps: DomainDeps, audience: Audience, slot: SessionSlot<C>, o: SessionKitOptions<C>): SessionKit {
  return {
    audience,
    load: loadSession(audience, slot, o.resume),
    guards: [requireSession(audience, slot), checkSessionCsrf(slot, o.csrfTokenOf, auditCsrfRefusal<C>(deps, o.chainOf))],
  };
}

/** Adds the kit's guards to a scope: everything registered in it needs a session and CSRF on POST. */
export function guardScope(scope: FastifyInstance, kit: SessionKit): void {
  for (const guard of kit.guards) scope.addHook('preHandler', guard);
}

/** ログアウト (POST, among the guarded routes): the session ends in `end` (with its audit), then the login screen. */
export function sessionLogoutRoute<C>(scope: FastifyInstance, audience: Audience, slot: SessionSlot<C>, end: (context: C) => Promise<void>): void {
  scope.post('/logout', async (request, reply) => {
    await end(slot.require(request));
    clearSessionCookie(reply, audience);
    return reply.redirect(`${audience.loginPath}?done=logout`, 303);
  });
}
