// 資金移動 ① 入力: GET shows the form (filled from a draft for 「修正する」), POST checks it and makes the draft.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parsePayeeName } from '../../../domain/payee-name.ts';
import { parseAccountId, parseAccountKind, parseAccountNumber, parseAmount, parseBankCode, parseBranchCode, parseTransferDate } from '../../../domain/payment-inputs.ts';
import { TRANSFER_DATE_MAX_DAYS_AHEAD } from '../../../domain/payment-policy.ts';
import { addDays, tokyoDate } from '../../../domain/tokyo-date.ts';
import type { UserHome } from '../../../domain/user-home.ts';
import { field, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { sendRefusal } from '../user-respond.ts';
import { userOf } from '../user-session.ts';
import { transferFormPage, type TransferValues } from '../views/transfer-form-page.ts';
import { checkEntry, checkSubmission, editedDraft, prepareAndConfirm } from './payment-entry.ts';

const FIELDS = ['accountId', 'bankCode', 'branchCode', 'accountKind', 'accountNumber', 'payeeName', 'amount', 'transferDate'] as const;

export function transferRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (reply: FastifyReply, csrfToken: string, home: UserHome, values: TransferValues, errors: FieldErrors, status = 200): FastifyReply => {
    const today = tokyoDate(deps.now());
    const dateRange = { min: today, max: addDays(today, TRANSFER_DATE_MAX_DAYS_AHEAD) };
    return sendPage(reply, transferFormPage({ contractName: home.contractName, userName: home.userName, csrfToken }, { accounts: home.accounts, values, errors, dateRange }), status);
  };

  app.get('/transfer', async (request, reply) => {
    const user = userOf(request);
    const entry = await checkEntry(deps, user, 'transfer');
    if (!entry.ok) return sendRefusal(reply, deps, user, entry.code);
    const edited = await editedDraft(deps, user, request.query, 'transfer');
    const d = edited?.details.kind === 'transfer' ? edited.details : undefined;
    const values: TransferValues = d === undefined
      ? { accountId: '', bankCode: '', branchCode: '', accountKind: 'futsu', accountNumber: '', payeeName: '', amount: '', transferDate: tokyoDate(deps.now()) }
      : { accountId: String(edited?.draft.accountId ?? ''), bankCode: d.bankCode, branchCode: d.branchCode, accountKind: d.accountKind, accountNumber: d.accountNumber, payeeName: d.payeeName, amount: String(edited?.draft.amountYen ?? ''), transferDate: d.transferDate };
    return show(reply, user.session.csrfToken, entry.home, values, {});
  });

  app.post('/transfer', async (request, reply) => {
    const user = userOf(request);
    // Refused before anything typed is looked at: a direct POST gets the same answer as the screens.
    const entry = await checkSubmission(deps, user, 'transfer');
    if (!entry.ok) return sendRefusal(reply, deps, user, entry.code);
    const values = Object.fromEntries(FIELDS.map((name) => [name, field(request.body, name) ?? ''])) as Record<(typeof FIELDS)[number], string>;
    const form = new FormReader();
    const accountId = parseAccountId(values.accountId);
    if (!accountId.ok) form.add(accountId);
    const bankCode = form.take(parseBankCode(values.bankCode));
    const branchCode = form.take(parseBranchCode(values.branchCode));
    const kind = parseAccountKind(values.accountKind);
    if (!kind.ok) form.add(kind);
    const accountNumber = form.take(parseAccountNumber(values.accountNumber));
    const payee = parsePayeeName(values.payeeName);
    if (!payee.ok) form.add(payee);
    const amount = parseAmount(values.amount);
    if (!amount.ok) form.add(amount);
    const transferDate = form.take(parseTransferDate(values.transferDate));
    const again = async (errors: FieldErrors): Promise<FastifyReply> => show(reply, user.session.csrfToken, entry.home, values, errors, FORM_ERROR_STATUS);
    if (!form.ok || !accountId.ok || !kind.ok || !payee.ok || !amount.ok) return again(form.errors);

    const details = { kind: 'transfer', bankCode, branchCode, accountKind: kind.value, accountNumber, payeeName: payee.value, transferDate } as const;
    return prepareAndConfirm(deps, user, { accountId: accountId.value, amountYen: amount.value, details }, reply, again);
  });
}
