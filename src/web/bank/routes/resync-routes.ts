// 同期ズレ補正: done at once by an operator with two consecutive codes read off the token (resyncToken).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseOtp, parseSerial } from '../../../domain/inputs.ts';
import { resyncToken } from '../../../domain/lifecycle/index.ts';
import { staffActor } from '../../../domain/staff-actor.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { resyncPage, type ResyncView } from '../views/resync-page.ts';

function valuesOf(body: unknown): Record<string, string> {
  // The codes are never filled back in: they are spent or wrong either way.
  return { serial: (field(body, 'serial') ?? '').slice(0, 200), reason: (field(body, 'reason') ?? '').slice(0, 200) };
}

export function resyncRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (request: FastifyRequest, reply: FastifyReply, v: Omit<ResyncView, 'session'>, status = 200): FastifyReply =>
    sendPage(reply, resyncPage({ session: pageSessionOf(staffOf(request)), ...v }), status);

  app.get('/resync', { config: { staffAction: 'resync' } }, async (request, reply) => show(request, reply, { values: {}, errors: {} }));

  app.post('/resync', { config: { staffAction: 'resync' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const form = new FormReader();
    const serial = form.take(parseSerial(field(body, 'serial')));
    const firstCode = form.take(parseOtp(field(body, 'firstCode'), 'firstCode'));
    const secondCode = form.take(parseOtp(field(body, 'secondCode'), 'secondCode'));
    const reason = form.take(parseReason(field(body, 'reason')));
    if (!form.ok) return show(request, reply, { values: valuesOf(body), errors: form.errors }, FORM_ERROR_STATUS);
    const done = await resyncToken(deps, staffActor(c.staff.id, reason, request.ip), { serial, firstCode, secondCode });
    if (!done.ok) return show(request, reply, { values: valuesOf(body), errors: { [done.field ?? FORM_ERROR]: done.code } }, FORM_ERROR_STATUS);
    return show(request, reply, { values: {}, errors: {}, done: { serial: done.serial, oldDrift: done.oldDrift, newDrift: done.newDrift } });
  });
}
