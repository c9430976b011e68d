// 「ワンタイムパスワード利用形態設定」: the choice of the two forms, each with what it means; 「次へ」 goes on to
// 「ワンタイムパスワード利用登録」, 「キャンセル」 returns to 「利用者情報選択」 without any change.

import type { ActiveForm } from '../../domain/registration.ts';
import type { OtpForm } from '../../domain/store-ports.ts';
import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { cancelForm, csrfField, errorSummary, fieldError } from './components.ts';
import { FORM_LABELS, LABELS } from './labels.ts';
import { adminCrumbs, page, type PageSession } from './layout.ts';

const EXPLANATIONS: Record<ActiveForm, readonly string[]> = {
  per_user: [
    '利用者ごとにトークンを登録します。お支払の際は、各利用者が自分に登録されたトークンに表示されるワンタイムパスワードを入力します。',
    '同じトークンを複数の利用者に登録することもできます。',
  ],
  shared: [
    'ご契約先で1つのトークンを登録し、全ての利用者がそのトークンを共通で使用します。',
    'お支払の際は、どの利用者もこのトークンに表示されるワンタイムパスワードを入力します。',
  ],
};

export interface OtpFormView {
  readonly current: OtpForm;
  readonly selected: ActiveForm | undefined;
  readonly errors: FieldErrors;
}

function option(form: ActiveForm, checked: boolean): SafeHtml {
  const id = `f-form-${form}`;
  return html`<div class="choice">
  <input type="radio" name="form" value="${form}" id="${id}" aria-describedby="${id}-desc"${checked ? html` checked` : ''}>
  <label for="${id}" class="choice-label">${FORM_LABELS[form]}</label>
  <div class="choice-desc" id="${id}-desc">${EXPLANATIONS[form].map((p) => html`<p>${p}</p>`)}</div>
</div>`;
}

export function otpFormPage(session: PageSession, v: OtpFormView): SafeHtml {
  const body = html`${errorSummary(v.errors, { form: LABELS.form })}
<form method="post" action="/otp/form" novalidate class="panel">
  ${csrfField(session.csrfToken)}
  <dl class="summary-list"><div><dt>現在の${LABELS.form}</dt><dd data-testid="otp-form">${FORM_LABELS[v.current]}</dd></div></dl>
  <fieldset class="field choices${v.errors.form === undefined ? '' : ' has-error'}" id="f-form">
    <legend>${LABELS.form}</legend>
    ${fieldError('form', v.errors)}
    ${option('per_user', v.selected === 'per_user')}
    ${option('shared', v.selected === 'shared')}
  </fieldset>
  <p class="note">※選択した利用形態は、次の画面でワンタイムパスワードの利用登録が完了した時点で有効になります。現在と異なる利用形態で利用登録すると、それまでの利用形態での利用登録は無効になります。</p>
  <div class="actions">
    <button type="submit" class="button button-primary">${LABELS.next}</button>
    <button type="submit" class="button button-secondary" form="cancel-otp-form">${LABELS.cancel}</button>
  </div>
  <p class="note">※ワンタイムパスワード利用形態設定をやめる場合は、<strong>${LABELS.cancel}</strong>をクリックします。</p>
</form>
${cancelForm('cancel-otp-form', '/users')}`;
  return page({
    title: LABELS.formSettingScreen,
    body,
    session,
    lead: 'ワンタイムパスワードの利用形態を選択して、「次へ」を押してください。',
    crumbs: adminCrumbs({ label: LABELS.userSelect, href: '/users' }, { label: LABELS.formSettingScreen }),
  });
}
