// 税金・各種料金の払込み ① 入力 (Pay-easy): GET shows the form, POST checks it and makes the draft.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseAccountId, parseAmount, parseBillerNumber, parseConfirmationNumber, parseCustomerNumber } from '../../../domain/payment-inputs.ts';
import type { UserHome } from '../../../domain/user-home.ts';
import { field, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { sendRefusal } from '../user-respond.ts';
import { userOf } from '../user-session.ts';
import { payEasyFormPage, type PayEasyValues } from '../views/payeasy-form-page.ts';
import { checkEntry, checkSubmission, editedDraft, prepareAndConfirm } from './payment-entry.ts';

const FIELDS = ['accountId', 'billerNumber', 'customerNumber', 'confirmationNumber', 'amount'] as const;

export function payEasyRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (reply: FastifyReply, csrfToken: string, home: UserHome, values: PayEasyValues, errors: FieldErrors, status = 200): FastifyReply =>
    sendPage(reply, payEasyFormPage({ contractName: home.contractName, userName: home.userName, csrfToken }, { accounts: home.accounts, values, errors }), status);

  app.get('/payeasy', async (request, reply) => {
    const user = userOf(request);
    const entry = await checkEntry(deps, user, 'payeasy');
    if (!entry.ok) return sendRefusal(reply, deps, user, entry.code);
    const edited = await editedDraft(deps, user, request.query, 'payeasy');
    const d = edited?.details.kind === 'payeasy' ? edited.details : undefined;
    const values: PayEasyValues = d === undefined
      ? { accountId: '', billerNumber: '', customerNumber: '', confirmationNumber: '', amount: '' }
      : { accountId: String(edited?.draft.accountId ?? ''), billerNumber: d.billerNumber, customerNumber: d.customerNumber, confirmationNumber: d.confirmationNumber, amount: String(edited?.draft.amountYen ?? '') };
    return show(reply, user.session.csrfToken, entry.home, values, {});
  });

  app.post('/payeasy', async (request, reply) => {
    const user = userOf(request);
    const entry = await checkSubmission(deps, user, 'payeasy');
    if (!entry.ok) return sendRefusal(reply, deps, user, entry.code);
    const values = Object.fromEntries(FIELDS.map((name) => [name, field(request.body, name) ?? ''])) as Record<(typeof FIELDS)[number], string>;
    const form = new FormReader();
    const accountId = parseAccountId(values.accountId);
    if (!accountId.ok) form.add(accountId);
    const billerNumber = form.take(parseBillerNumber(values.billerNumber));
    const customerNumber = form.take(parseCustomerNumber(values.customerNumber));
    const confirmationNumber = form.take(parseConfirmationNumber(values.confirmationNumber));
    const amount = parseAmount(values.amount);
    if (!amount.ok) form.add(amount);
    const again = async (errors: FieldErrors): Promise<FastifyReply> => show(reply, user.session.csrfToken, entry.home, values, errors, FORM_ERROR_STATUS);
    if (!form.ok || !accountId.ok || !amount.ok) return again(form.errors);

    const details = { kind: 'payeasy', billerNumber, customerNumber, confirmationNumber } as const;
    return prepareAndConfirm(deps, user, { accountId: accountId.value, amountYen: amount.value, details }, reply, again);
  });
}
