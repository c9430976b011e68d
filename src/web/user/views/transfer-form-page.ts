// 資金移動 ① 入力: the paying account, the payee (金融機関コード, 支店コード, 科目, 口座番号, 受取人名 in
// half-width kana), the amount and the 振込指定日.

import type { AccountRecord } from '../../../domain/store-ports.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, textField } from '../../views/components.ts';
import { ACCOUNT_KIND_OPTIONS, accountChoice, amountField, dateField, radioRow } from './payment-form-parts.ts';
import { FIELD_LABELS, USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

export interface TransferValues {
  readonly accountId: string;
  readonly bankCode: string;
  readonly branchCode: string;
  readonly accountKind: string;
  readonly accountNumber: string;
  readonly payeeName: string;
  readonly amount: string;
  readonly transferDate: string;
}

export interface TransferFormView {
  readonly accounts: readonly AccountRecord[];
  readonly values: TransferValues;
  readonly errors: FieldErrors;
  /** Today and the last day a transfer may be dated (Japan time). */
  readonly dateRange: { readonly min: string; readonly max: string };
}

export function transferFormPage(session: UserPageSession, v: TransferFormView): SafeHtml {
  const { values, errors } = v;
  const body = html`${errorSummary(errors, FIELD_LABELS)}
<form method="post" action="/user/transfer" novalidate>
  ${csrfField(session.csrfToken)}
  <fieldset class="section"><legend class="section-title">${USER_LABELS.account}</legend>
    ${accountChoice(v.accounts, values.accountId, errors)}
  </fieldset>
  <fieldset class="section"><legend class="section-title">お振込先</legend>
    <div class="payee-grid">
      ${textField({ name: 'bankCode', label: USER_LABELS.bankCode, value: values.bankCode, errors, inputmode: 'numeric', maxlength: 4, size: 'short', hint: '半角数字4桁' })}
      ${textField({ name: 'branchCode', label: USER_LABELS.branchCode, value: values.branchCode, errors, inputmode: 'numeric', maxlength: 3, size: 'short', hint: '半角数字3桁' })}
    </div>
    ${radioRow('accountKind', USER_LABELS.accountKind, ACCOUNT_KIND_OPTIONS, values.accountKind, errors)}
    ${textField({ name: 'accountNumber', label: USER_LABELS.accountNumber, value: values.accountNumber, errors, inputmode: 'numeric', maxlength: 7, size: 'short', hint: '半角数字7桁（7桁に満たない場合は先頭に0を付けてください）' })}
    ${textField({ name: 'payeeName', label: USER_LABELS.payeeName, value: values.payeeName, errors, maxlength: 40, size: 'long', hint: '半角カナで入力してください（例：ﾔﾏﾀﾞ ﾀﾛｳ）。長音は「ｰ」、濁点は「ﾞ」です。小さい文字（ｯ・ｬ など）は大きい文字で入力してください。' })}
  </fieldset>
  <fieldset class="section"><legend class="section-title">お振込内容</legend>
    ${amountField(values.amount, errors)}
    ${dateField('transferDate', USER_LABELS.transferDate, values.transferDate, v.dateRange, errors, '本日から30日後までの日付を指定できます。本日より後の日付は予約となり、その日（銀行休業日のときは翌営業日）に実行します。')}
  </fieldset>
  <div class="actions">
    <button type="submit" class="button button-primary">${USER_LABELS.toConfirm}</button>
    <a class="button button-secondary" href="/user/menu">${USER_LABELS.backToMenu}</a>
  </div>
</form>`;
  return userPage({ title: USER_LABELS.transfer, body, session, step: '入力', crumbs: userCrumbs({ label: USER_LABELS.transfer }), lead: 'お振込先とお振込内容を入力して、「確認画面へ」を押してください。' });
}
