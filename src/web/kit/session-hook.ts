// The hook that finds the session of a request's cookie, and the guard that sends a request without one
// to the audience's login screen. What a session *is* (admin, user, staff) is the audience's domain
// function `resume`; the cookie handling is the same for all.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieOptionsOf, cookiesOf, type Audience } from './audience.ts';
import type { SessionSlot } from './session-slot.ts';

/** 256 bits in base64url (ASVS 5.0 7.2.3 asks at least 128). Anything else is not looked up. */
export const SESSION_ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export type Resumed<C> = { readonly kind: 'found'; readonly context: C } | { readonly kind: 'expired' } | { readonly kind: 'none' };

/** onRequest: finds the session of the cookie, if any; an idle one ends inside `resume`. */
export function loadSession<C>(audience: Audience, slot: SessionSlot<C>, resume: (id: string, request: FastifyRequest) => Promise<Resumed<C>>) {
  const { session: cookie } = cookiesOf(audience);
  return async (request: FastifyRequest): Promise<void> => {
    slot.set(request, { context: null, expired: false });
    const id = request.cookies[cookie];
    if (id === undefined || !SESSION_ID_FORMAT.test(id)) return;
    const found = await resume(id, request);
    if (found.kind === 'found') slot.set(request, { context: found.context, expired: false });
    else slot.set(request, { context: null, expired: found.kind === 'expired' });
  };
}

/**
 * preHandler of an audience's screens: without a session (or with one `accepts` refuses, e.g. a login not
 * yet finished), back to the login screen, saying why after a timeout.
 */
export function requireSession<C>(audience: Audience, slot: SessionSlot<C>, accepts: (context: C) => boolean = () => true) {
  const { session: cookie } = cookiesOf(audience);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const context = slot.of(request);
    if (context !== null && accepts(context)) return undefined;
    if (context === null && request.cookies[cookie] !== undefined) reply.clearCookie(cookie, cookieOptionsOf(audience));
    // Returning the reply ends the request here: no later hook or handler runs.
    return reply.redirect(slot.expired(request) ? `${audience.loginPath}?expired=1` : audience.loginPath, 303);
  };
}

export function setSessionCookie(reply: FastifyReply, audience: Audience, id: string): void {
  reply.setCookie(cookiesOf(audience).session, id, cookieOptionsOf(audience));
}

export function clearSessionCookie(reply: FastifyReply, audience: Audience): void {
  reply.clearCookie(cookiesOf(audience).session, cookieOptionsOf(audience));
}
