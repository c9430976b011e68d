// The staff console's audience for the session kit (src/web/kit): its cookies and login path, the slot
// holding the staff context of a request, the guards of the login steps and of the console's screens, and
// the role check that denies by default (staff-roles.ts): a route with no declared action is refused.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit, BANK_CHAIN } from '../../domain/audit.ts';
import type { Actor, DomainDeps } from '../../domain/deps.ts';
import { staffMay, type StaffAction } from '../../domain/staff-roles.ts';
import { resumeStaffSession, STAFF_IDLE_TIMEOUT_MS } from '../../domain/staff-sessions.ts';
import type { StaffRecord, StaffSessionRecord, StaffSessionStage } from '../../domain/staff-store-ports.ts';
import { HttpFailure } from '../http-failure.ts';
import type { Audience } from '../kit/audience.ts';
import { auditCsrfRefusal, checkSessionCsrf } from '../kit/csrf.ts';
import { loadSession, requireSession } from '../kit/session-hook.ts';
import { createSessionSlot, type SessionSlot } from '../kit/session-slot.ts';

/** What a console route may do: a StaffAction of the role table, or a step of the login itself. */
export type BankRouteAction = StaffAction | 'login';

declare module 'fastify' {
  interface FastifyContextConfig {
    staffAction?: BankRouteAction;
  }
}

export interface StaffContext {
  readonly session: StaffSessionRecord;
  readonly staff: StaffRecord;
  readonly who: Actor;
}

export function bankAudience(secure: boolean): Audience {
  return { name: 'bank', sessionCookie: 'bizotp_bank_sid', loginCsrfCookie: 'bizotp_bank_login', loginPath: '/bank/login', idleTimeoutMs: STAFF_IDLE_TIMEOUT_MS, secure };
}

export const staffSlot: SessionSlot<StaffContext> = createSessionSlot<StaffContext>('bank');

export function loadStaffSession(deps: DomainDeps, audience: Audience) {
  return loadSession(audience, staffSlot, async (id, request) => {
    const found = await resumeStaffSession(deps, id, request.ip);
    if (found.kind !== 'found') return found;
    return { kind: 'found', context: { session: found.session, staff: found.staff, who: { actor: `staff:${found.staff.id}`, ip: request.ip } } };
  });
}

/** The console's screens: a finished login only. */
export function requireActiveStaff(audience: Audience) {
  return requireSession(audience, staffSlot, (c) => c.session.stage === 'active');
}

/** A step of the login (code, enrolment): a session at that stage; a finished login may not post here. */
export function requireStage(audience: Audience, stage: StaffSessionStage) {
  const guard = requireSession(audience, staffSlot, (c) => c.session.stage === stage);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.method === 'POST' && staffSlot.of(request)?.session.stage === 'active') throw new HttpFailure(403, 'staff_forbidden');
    return guard(request, reply);
  };
}

export function checkStaffCsrf(deps: DomainDeps) {
  return checkSessionCsrf(staffSlot, (c) => c.session.csrfToken, auditCsrfRefusal<StaffContext>(deps, () => BANK_CHAIN));
}

/** Deny by default: the route's declared action must be one the staff member's role holds. */
export function checkStaffRole(deps: DomainDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    const c = staffSlot.require(request);
    const action = request.routeOptions.config.staffAction;
    if (action !== 'login' && staffMay(c.staff.role, action)) return;
    await deps.store.transaction((tx) =>
      appendAudit(tx, deps.now(), { chain: BANK_CHAIN, ...c.who, action: 'staff.forbidden', target: `${request.method} ${request.url.split('?')[0]}`, outcome: 'staff_forbidden', detail: { role: c.staff.role } }),
    );
    throw new HttpFailure(403, 'staff_forbidden');
  };
}

/** The login steps' POST also needs the session's CSRF token (the session exists from the password on). */
export function staffOf(request: FastifyRequest): StaffContext {
  return staffSlot.require(request);
}
