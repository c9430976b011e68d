// ソフトウェアトークン発行: done at once by an operator, as トークン発行 is (staff-roles.ts `issue`). The POST
// that issues answers with a redirect, so a reload can never issue a second token; the QR code waits sealed in
// the issuing session until 「QRコードを表示」 (a POST: showing it erases it), and a reload of that finds it gone.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId } from '../../../domain/inputs.ts';
import { issueSoftToken } from '../../../domain/lifecycle/issue-soft-token.ts';
import { holdSoftTokenHandover, pendingSoftTokenSerial, takeSoftTokenHandover } from '../../../domain/lifecycle/soft-token-handover.ts';
import { staffActor } from '../../../domain/staff-actor.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { issuedSoftPage, issueSoftPage, softQrPage } from '../views/issue-soft-page.ts';

const SOFT_SERIAL = /^2\d{13}$/;

function serialParam(request: FastifyRequest): string | undefined {
  const raw = (request.params as { serial?: unknown }).serial;
  return typeof raw === 'string' && SOFT_SERIAL.test(raw) ? raw : undefined;
}

export function issueSoftRoutes(app: FastifyInstance, deps: DomainDeps, issuer: string): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200): FastifyReply =>
    sendPage(reply, issueSoftPage({ session: pageSessionOf(staffOf(request)), values, errors }), status);

  app.get('/issue-soft', { config: { staffAction: 'issue' } }, async (request, reply) => showForm(request, reply, {}, {}));

  app.post('/issue-soft', { config: { staffAction: 'issue' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const values = { contractId: (field(body, 'contractId') ?? '').slice(0, 20), reason: (field(body, 'reason') ?? '').slice(0, 200) };
    const form = new FormReader();
    const contractId = form.take(parseContractId(field(body, 'contractId')));
    const reason = form.take(parseReason(field(body, 'reason')));
    if (!form.ok) return showForm(request, reply, values, form.errors, FORM_ERROR_STATUS);
    const issued = await issueSoftToken(deps, staffActor(c.staff.id, reason, request.ip), { contractId, issuer });
    if (!issued.ok) return showForm(request, reply, values, { [issued.field ?? FORM_ERROR]: issued.code }, FORM_ERROR_STATUS);
    await holdSoftTokenHandover(deps, c.session.idHash, { serial: issued.serial, contractId, otpauthUri: issued.otpauthUri });
    return reply.redirect(`/bank/issue-soft/${issued.serial}`, 303);
  });

  app.get('/issue-soft/:serial', { config: { staffAction: 'issue' } }, async (request, reply) => {
    const c = staffOf(request);
    const serial = serialParam(request);
    if (serial === undefined) return showForm(request, reply, {}, { [FORM_ERROR]: 'token_not_found' }, 404);
    const waiting = (await pendingSoftTokenSerial(deps, c.session.idHash)) === serial;
    return sendPage(reply, issuedSoftPage({ session: pageSessionOf(c), serial, qrWaiting: waiting }));
  });

  app.post('/issue-soft/:serial/qr', { config: { staffAction: 'issue' } }, async (request, reply) => {
    const c = staffOf(request);
    const serial = serialParam(request);
    if (serial === undefined) return showForm(request, reply, {}, { [FORM_ERROR]: 'token_not_found' }, 404);
    const taken = await takeSoftTokenHandover(deps, c.who, c.session.idHash, serial);
    // Gone: shown already (a reload), taken in another tab, or never this session's.
    if (taken === undefined) return sendPage(reply, issuedSoftPage({ session: pageSessionOf(c), serial, qrWaiting: false }), 410);
    const qrSvg = await QRCode.toString(taken.otpauthUri, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
    return sendPage(reply, softQrPage({ session: pageSessionOf(c), serial: taken.serial, contractId: taken.contractId, qrSvg }));
  });
}
