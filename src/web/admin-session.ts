// The administrator's (管理者) audience for the session kit (src/web/kit): its cookies (the names sessions
// have always had, so they survive a deploy), its login path and idle timeout, and the slot holding the
// admin context of a request.

import type { FastifyRequest } from 'fastify';
import { ADMIN_IDLE_TIMEOUT_MS, resumeAdminSession, type AdminMustChange } from '../domain/admin-sessions.ts';
import type { Actor, DomainDeps } from '../domain/deps.ts';
import type { ContractListing, SessionRecord } from '../domain/store-ports.ts';
import type { Audience } from './kit/audience.ts';
import { bindSessionKit, type SessionKit } from './kit/session-kit.ts';
import { createSessionSlot, type SessionSlot } from './kit/session-slot.ts';
import type { PageSession } from './views/layout.ts';

export interface AdminContext {
  readonly session: SessionRecord;
  readonly contractId: string;
  readonly who: Actor;
  /** As of this request's start, read with the session (forced-change.ts). */
  readonly mustChange: AdminMustChange;
  /**
   * The contract's listing, read in the session's own statement: only on a GET of a route marked
   * `adminOverview`, which changes nothing before it shows it (respond.ts overviewOf).
   */
  readonly listing?: ContractListing;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The screen shows the contract's overview: read it with the session on a GET (one round trip). */
    adminOverview?: boolean;
  }
}

export const adminSlot: SessionSlot<AdminContext> = createSessionSlot<AdminContext>('admin');

export function adminActor(contractId: string, ip: string): Actor {
  return { actor: `admin:${contractId}`, ip };
}

/** The admin's hooks; an idle session ends in resumeAdminSession, a refused POST is audited on the contract's chain. */
export function adminSessionKit(deps: DomainDeps, secure: boolean): SessionKit {
  const audience: Audience = { name: 'admin', sessionCookie: 'bizotp_sid', loginCsrfCookie: 'bizotp_login', loginPath: '/login', idleTimeoutMs: ADMIN_IDLE_TIMEOUT_MS, secure };
  return bindSessionKit(deps, audience, adminSlot, {
    async resume(id, request) {
      const withListing = request.method === 'GET' && request.routeOptions.config.adminOverview === true;
      const found = await resumeAdminSession(deps, id, request.ip, withListing);
      if (found.kind !== 'active') return found;
      const { session, mustChange, listing } = found;
      const context: AdminContext = { session, contractId: session.contractId, who: adminActor(session.contractId, request.ip), mustChange, ...(listing === undefined ? {} : { listing }) };
      return { kind: 'found', context };
    },
    csrfTokenOf: (c) => c.session.csrfToken,
    chainOf: (c) => c.contractId,
  });
}

export function adminOf(request: FastifyRequest): AdminContext {
  return adminSlot.require(request);
}

/** The error page's header: the contract's name would need the database, which may be what failed. */
export function adminErrorHeader(request: FastifyRequest): PageSession | undefined {
  const admin = adminSlot.of(request);
  return admin === null ? undefined : { contractName: `ご契約先ID ${admin.contractId}`, csrfToken: admin.session.csrfToken };
}
