// トークン失効: every revocation is a request an approver must approve (revoke-token-handler.ts says why).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseSerial } from '../../../domain/inputs.ts';
import { REVOCATION_KINDS } from '../../../domain/lifecycle/index.ts';
import { requestApproval } from '../../../domain/maker-checker.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { revokePage } from '../views/revoke-page.ts';

const FIELDS = ['serial', 'kind', 'reason'] as const;

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

export function revokeRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, requested = false): FastifyReply =>
    sendPage(reply, revokePage({ session: pageSessionOf(staffOf(request)), values, errors, requested }), status);

  app.get('/revoke', { config: { staffAction: 'request' } }, async (request, reply) => show(request, reply, {}, {}));

  app.post('/revoke', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const form = new FormReader();
    const serial = form.take(parseSerial(field(body, 'serial')));
    const kind = REVOCATION_KINDS.find((k) => k === field(body, 'kind'));
    if (kind === undefined) form.add({ ok: false, code: 'required', field: 'kind' });
    const reason = form.take(parseReason(field(body, 'reason')));
    if (!form.ok || kind === undefined) return show(request, reply, valuesOf(body), form.errors, FORM_ERROR_STATUS);
    const requested = await requestApproval(deps, { staffId: c.staff.id, ip: request.ip }, 'revoke_token', { serial, kind }, reason);
    if (!requested.ok) return show(request, reply, valuesOf(body), { [requested.field ?? FORM_ERROR]: requested.code }, FORM_ERROR_STATUS);
    return show(request, reply, {}, {}, 200, true);
  });
}
