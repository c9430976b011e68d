// 「新規登録」 and 「変更」 of a user, each confirmed with the ご契約先確認暗証番号 and OK.

import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { cancelForm, confirmPinField, csrfField, errorSummary, okCancel, textField } from './components.ts';
import { LABELS } from './labels.ts';
import { adminCrumbs, page, type PageSession } from './layout.ts';

export interface UserFormValues {
  readonly loginId: string;
  readonly name: string;
  readonly canTransfer: boolean;
  readonly canPayTax: boolean;
}

export interface UserFormView {
  readonly mode: 'create' | 'update';
  readonly values: UserFormValues;
  readonly errors: FieldErrors;
  /** After a wrong ご契約先確認暗証番号: how many more wrong ones lock it. */
  readonly triesLeft?: number | undefined;
}

const FIELD_LABELS = {
  loginId: LABELS.loginId,
  name: LABELS.userName,
  userPassword: LABELS.userPassword,
  userConfirmPin: LABELS.userConfirmPin,
  confirmPin: LABELS.confirmPin,
};

export function userFormPage(session: PageSession, v: UserFormView): SafeHtml {
  const creating = v.mode === 'create';
  const title = creating ? `利用者情報${LABELS.newUser}` : `利用者情報${LABELS.editUser}`;
  const secretHint = creating ? '半角英数字6～12桁（英字と数字を混在させてください）' : '変更する場合のみ入力してください。半角英数字6～12桁（英字と数字を混在）';
  const body = html`${errorSummary(v.errors, FIELD_LABELS)}
<form method="post" action="${creating ? '/users/new' : '/users/edit'}" novalidate class="panel">
  ${csrfField(session.csrfToken)}
  <h2 class="panel-title">利用者情報</h2>
  ${creating
    ? textField({ name: 'loginId', label: LABELS.loginId, value: v.values.loginId, errors: v.errors, hint: '半角英数字1～30桁', maxlength: 30, size: 'medium' })
    : html`<input type="hidden" name="loginId" value="${v.values.loginId}"><dl class="summary-list"><div><dt>${LABELS.loginId}</dt><dd>${v.values.loginId}</dd></div></dl>`}
  ${textField({ name: 'name', label: LABELS.userName, value: v.values.name, errors: v.errors, hint: '30文字以内', maxlength: 30, size: 'long' })}
  ${textField({ name: 'userPassword', label: LABELS.userPassword, type: 'password', errors: v.errors, hint: secretHint, maxlength: 12, autocomplete: 'new-password' })}
  ${textField({ name: 'userConfirmPin', label: LABELS.userConfirmPin, type: 'password', errors: v.errors, hint: secretHint, maxlength: 12, autocomplete: 'new-password' })}
  <fieldset class="field fieldset-checks">
    <legend>${LABELS.permissions}</legend>
    <div class="check"><input type="checkbox" id="f-canTransfer" name="canTransfer" value="1"${v.values.canTransfer ? html` checked` : ''}><label for="f-canTransfer">${LABELS.canTransfer}</label></div>
    <div class="check"><input type="checkbox" id="f-canPayTax" name="canPayTax" value="1"${v.values.canPayTax ? html` checked` : ''}><label for="f-canPayTax">${LABELS.canPayTax}</label></div>
  </fieldset>
  <div class="confirm-box">${confirmPinField(v.errors, v.triesLeft)}</div>
  ${okCancel('cancel-user-form')}
</form>
${cancelForm('cancel-user-form', '/users')}`;
  return page({ title, body, session, crumbs: adminCrumbs({ label: LABELS.userSelect, href: '/users' }, { label: title }) });
}
