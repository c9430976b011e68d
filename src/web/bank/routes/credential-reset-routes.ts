// 暗証番号再発行: the request (approval required, reset-credential-handler.ts), and 初期暗証番号の表示, which
// gives the requester the value once and erases it in the same transaction (takeApprovalResult).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId, parseLoginId } from '../../../domain/inputs.ts';
import { approvalOf, requestApproval, takeApprovalResult } from '../../../domain/maker-checker.ts';
import { describeCredentialTarget, parseCredentialTarget } from '../../../domain/reset-credential-handler.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { credentialResetPage, initialValuePage } from '../views/credential-reset-page.ts';

const FIELDS = ['contractId', 'kind', 'loginId', 'reason'] as const;
const REQUEST_ID = /^[0-9a-f]{16}$/;

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

export function credentialResetRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, requested = false): FastifyReply =>
    sendPage(reply, credentialResetPage({ session: pageSessionOf(staffOf(request)), values, errors, requested }), status);

  app.get('/credential-reset', { config: { staffAction: 'request' } }, async (request, reply) => show(request, reply, {}, {}));

  app.post('/credential-reset', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const form = new FormReader();
    const contractId = form.take(parseContractId(field(body, 'contractId')));
    const kind = field(body, 'kind');
    const forUser = kind === 'user_password' || kind === 'user_confirm_pin';
    const loginId = forUser ? form.take(parseLoginId(field(body, 'loginId'))) : undefined;
    const reason = form.take(parseReason(field(body, 'reason')));
    const target = parseCredentialTarget({ contractId, kind, loginId });
    if (form.ok && target === undefined) form.add({ ok: false, code: 'required', field: 'kind' });
    if (!form.ok || target === undefined) return show(request, reply, valuesOf(body), form.errors, FORM_ERROR_STATUS);
    const requested = await requestApproval(deps, { staffId: c.staff.id, ip: request.ip }, 'reset_credential', target, reason);
    if (!requested.ok) return show(request, reply, valuesOf(body), { [requested.field ?? FORM_ERROR]: requested.code }, FORM_ERROR_STATUS);
    return show(request, reply, {}, {}, 200, true);
  });

  // A POST: showing the value erases it (state changes only on POST, with CSRF).
  app.post('/credential-reset/:id/show', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const raw = (request.params as { id?: unknown }).id;
    const id = typeof raw === 'string' && REQUEST_ID.test(raw) ? raw : '';
    const found = await approvalOf(deps, id);
    const target = found?.action === 'reset_credential' ? parseCredentialTarget(JSON.parse(found.params)) : undefined;
    if (target === undefined) return show(request, reply, {}, { [FORM_ERROR]: 'approval_not_found' }, FORM_ERROR_STATUS);
    const taken = await takeApprovalResult(deps, { staffId: c.staff.id, ip: request.ip }, id);
    if (!taken.ok) return show(request, reply, {}, { [FORM_ERROR]: taken.code }, FORM_ERROR_STATUS);
    return sendPage(reply, initialValuePage({ session: pageSessionOf(c), what: describeCredentialTarget(target), value: taken.secret }));
  });
}
