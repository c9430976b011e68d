// トークン発行: done at once by an operator (issueTokens), all or nothing.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId, parseSerial } from '../../../domain/inputs.ts';
import { issueTokens } from '../../../domain/lifecycle/index.ts';
import { staffActor } from '../../../domain/staff-actor.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { issuePage, type IssueView } from '../views/issue-page.ts';

const FIELDS = ['contractId', 'fromSerial', 'toSerial', 'reason'] as const;

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

export function issueRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (request: FastifyRequest, reply: FastifyReply, v: Omit<IssueView, 'session'>, status = 200): FastifyReply =>
    sendPage(reply, issuePage({ session: pageSessionOf(staffOf(request)), ...v }), status);

  app.get('/issue', { config: { staffAction: 'issue' } }, async (request, reply) => show(request, reply, { values: {}, errors: {} }));

  app.post('/issue', { config: { staffAction: 'issue' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const values = valuesOf(body);
    const form = new FormReader();
    const contractId = form.take(parseContractId(field(body, 'contractId')));
    const fromSerial = form.take(parseSerial(field(body, 'fromSerial'), 'fromSerial'));
    const rawTo = field(body, 'toSerial')?.trim() ?? '';
    const toSerial = rawTo === '' ? undefined : form.take(parseSerial(rawTo, 'toSerial'));
    const reason = form.take(parseReason(field(body, 'reason')));
    if (!form.ok) return show(request, reply, { values, errors: form.errors }, FORM_ERROR_STATUS);
    const who = staffActor(c.staff.id, reason, request.ip);
    const issued = await issueTokens(deps, who, { contractId, fromSerial, ...(toSerial === undefined ? {} : { toSerial }) });
    if (issued.ok) return show(request, reply, { values: {}, errors: {}, issued: { contractId, serials: issued.serials } });
    const unavailable = 'unavailable' in issued ? issued.unavailable : undefined;
    return show(request, reply, { values, errors: { [issued.field ?? FORM_ERROR]: issued.code }, ...(unavailable === undefined ? {} : { unavailable }) }, FORM_ERROR_STATUS);
  });
}
