// 取引認証設定: shows the bank's policy and asks an approver to change it (maker–checker, approval-handlers.ts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { requestApproval } from '../../../domain/maker-checker.ts';
import { parseAmount } from '../../../domain/payment-inputs.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { currentTransactionAuthPolicy, describeTransactionAuthPolicy, parseTransactionAuthPolicy, policyParams, TRANSACTION_AUTH_MODES } from '../../../domain/transaction-auth-policy.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { transactionAuthPage } from '../views/transaction-auth-page.ts';

const FIELDS = ['mode', 'thresholdYen', 'reason'] as const;

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

export function transactionAuthRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, requested = false): Promise<FastifyReply> => {
    const now = await currentTransactionAuthPolicy(deps);
    return sendPage(reply, transactionAuthPage({ session: pageSessionOf(staffOf(request)), current: describeTransactionAuthPolicy(now.policy), changedAtMs: now.changedAtMs, changedBy: now.changedBy, values, errors, requested }), status);
  };

  app.get('/transaction-auth', { config: { staffAction: 'request' } }, async (request, reply) => show(request, reply, {}, {}));

  app.post('/transaction-auth', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const body = request.body;
    const form = new FormReader();
    const mode = TRANSACTION_AUTH_MODES.find((m) => m === field(body, 'mode'));
    if (mode === undefined) form.add({ ok: false, code: 'required', field: 'mode' });
    let threshold: string | undefined;
    if (mode === 'above') {
      const amount = parseAmount(field(body, 'thresholdYen'), 'thresholdYen');
      if (amount.ok) threshold = amount.value.toString();
      else form.add(amount);
    }
    const reason = form.take(parseReason(field(body, 'reason')));
    const policy = mode === undefined ? undefined : parseTransactionAuthPolicy(mode, threshold);
    if (!form.ok || policy === undefined) return show(request, reply, valuesOf(body), form.errors, FORM_ERROR_STATUS);
    const requested = await requestApproval(deps, { staffId: c.staff.id, ip: request.ip }, 'transaction_auth_policy', policyParams(policy), reason);
    if (!requested.ok) return show(request, reply, valuesOf(body), { [requested.field ?? FORM_ERROR]: requested.code }, FORM_ERROR_STATUS);
    return show(request, reply, {}, {}, 200, true);
  });
}
