// The administrator's (管理者) audience for the session kit (src/web/kit): its cookies (the names sessions
// have always had, so they survive a deploy), its login path and idle timeout, the slot holding the admin
// context of a request, and the kit's hook, guard and CSRF check bound to them.

import type { FastifyRequest } from 'fastify';
import { ADMIN_IDLE_TIMEOUT_MS, resumeAdminSession } from '../domain/admin-sessions.ts';
import type { Actor, DomainDeps } from '../domain/deps.ts';
import type { SessionRecord } from '../domain/store-ports.ts';
import type { Audience } from './kit/audience.ts';
import { auditCsrfRefusal, checkSessionCsrf } from './kit/csrf.ts';
import { loadSession, requireSession } from './kit/session-hook.ts';
import { createSessionSlot, type SessionSlot } from './kit/session-slot.ts';
import type { PageSession } from './views/layout.ts';

export interface AdminContext {
  readonly session: SessionRecord;
  readonly contractId: string;
  readonly who: Actor;
}

export function adminAudience(secure: boolean): Audience {
  return { name: 'admin', sessionCookie: 'bizotp_sid', loginCsrfCookie: 'bizotp_login', loginPath: '/login', idleTimeoutMs: ADMIN_IDLE_TIMEOUT_MS, secure };
}

export const adminSlot: SessionSlot<AdminContext> = createSessionSlot<AdminContext>('admin');

export function adminActor(contractId: string, ip: string): Actor {
  return { actor: `admin:${contractId}`, ip };
}

/** onRequest: finds the session of the cookie, if any; an idle one ends in resumeAdminSession. */
export function loadAdminSession(deps: DomainDeps, audience: Audience) {
  return loadSession(audience, adminSlot, async (id, request) => {
    const found = await resumeAdminSession(deps, id, request.ip);
    if (found.kind !== 'active') return found;
    const { session } = found;
    return { kind: 'found', context: { session, contractId: session.contractId, who: adminActor(session.contractId, request.ip) } };
  });
}

/** preHandler of the admin's screens: without a session, back to the login screen. */
export function requireAdmin(audience: Audience) {
  return requireSession(audience, adminSlot);
}

/** Every POST of the admin's screens; a refusal is audited on the contract's chain. */
export function checkAdminCsrf(deps: DomainDeps) {
  return checkSessionCsrf(adminSlot, (c) => c.session.csrfToken, auditCsrfRefusal<AdminContext>(deps, (c) => c.contractId));
}

export function adminOf(request: FastifyRequest): AdminContext {
  return adminSlot.require(request);
}

/** The error page's header: the contract's name would need the database, which may be what failed. */
export function adminErrorHeader(request: FastifyRequest): PageSession | undefined {
  const admin = adminSlot.of(request);
  return admin === null ? undefined : { contractName: `ご契約先ID ${admin.contractId}`, csrfToken: admin.session.csrfToken };
}
