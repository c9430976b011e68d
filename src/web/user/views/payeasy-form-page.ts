// 税金・各種料金の払込み ① 入力 (Pay-easy オンライン方式): the paying account, 収納機関番号, お客様番号,
// 確認番号 (as printed on the bill or shown by the biller) and the amount.

import type { AccountRecord } from '../../../domain/store-ports.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, textField } from '../../views/components.ts';
import { accountChoice, amountField } from './payment-form-parts.ts';
import { FIELD_LABELS, USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

export interface PayEasyValues {
  readonly accountId: string;
  readonly billerNumber: string;
  readonly customerNumber: string;
  readonly confirmationNumber: string;
  readonly amount: string;
}

export interface PayEasyFormView {
  readonly accounts: readonly AccountRecord[];
  readonly values: PayEasyValues;
  readonly errors: FieldErrors;
}

export function payEasyFormPage(session: UserPageSession, v: PayEasyFormView): SafeHtml {
  const { values, errors } = v;
  const body = html`${errorSummary(errors, FIELD_LABELS)}
<form method="post" action="/user/payeasy" novalidate>
  ${csrfField(session.csrfToken)}
  <fieldset class="section"><legend class="section-title">${USER_LABELS.account}</legend>
    ${accountChoice(v.accounts, values.accountId, errors)}
  </fieldset>
  <fieldset class="section"><legend class="section-title">払込書・請求画面の番号</legend>
    ${textField({ name: 'billerNumber', label: USER_LABELS.billerNumber, value: values.billerNumber, errors, inputmode: 'numeric', maxlength: 5, size: 'short', hint: '半角数字5桁' })}
    ${textField({ name: 'customerNumber', label: USER_LABELS.customerNumber, value: values.customerNumber, errors, inputmode: 'numeric', maxlength: 20, size: 'medium', hint: '半角数字20桁以内' })}
    ${textField({ name: 'confirmationNumber', label: USER_LABELS.confirmationNumber, value: values.confirmationNumber, errors, inputmode: 'numeric', maxlength: 6, size: 'short', hint: '半角数字6桁以内' })}
  </fieldset>
  <fieldset class="section"><legend class="section-title">お支払内容</legend>
    ${amountField(values.amount, errors)}
  </fieldset>
  <div class="actions">
    <button type="submit" class="button button-primary">${USER_LABELS.toConfirm}</button>
    <a class="button button-secondary" href="/user/menu">${USER_LABELS.backToMenu}</a>
  </div>
</form>`;
  return userPage({ title: USER_LABELS.payEasy, body, session, step: '入力', crumbs: userCrumbs({ label: USER_LABELS.payEasy }), lead: 'ペイジーマークの付いた払込書または請求画面の番号と金額を入力して、「確認画面へ」を押してください。' });
}
