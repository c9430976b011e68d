// 「ワンタイムパスワード利用登録」 in its two forms (product.md §3.4): A binds a token to the selected user and
// shows the table of users with their 「現在のシリアル番号」; B binds one token to the whole contract.

import type { ActiveForm } from '../../domain/registration.ts';
import type { ContractOverview, UserSummary } from '../../domain/user-overview.ts';
import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { cancelForm, confirmPinField, csrfField, errorSummary, fieldError, notice, okCancel, textField } from './components.ts';
import { FORM_LABELS, LABELS, NO_SERIAL } from './labels.ts';
import { tokenExpiryFlag } from './token-expiry-flag.ts';
import { adminCrumbs, page, type PageSession } from './layout.ts';
import { tokenPictures } from './token-pictures.ts';

export interface RegisterValues {
  readonly loginId: string;
  readonly serial: string;
}

export interface RegisterView {
  readonly form: ActiveForm;
  readonly overview: ContractOverview;
  readonly values: RegisterValues;
  readonly errors: FieldErrors;
  /** After a wrong ご契約先確認暗証番号: how many more wrong ones lock it. */
  readonly triesLeft?: number | undefined;
  /** After OK: the user registered (A) or '' (B). */
  readonly done?: { readonly loginId: string };
}

/** Field errors about the token (unknown serial, another contract's, wrong OTP) share one place on purpose. */
export const TOKEN_GROUP = 'token';

const FIELD_LABELS = { loginId: LABELS.registrationInfo, serial: LABELS.serial, otp: LABELS.otp, [TOKEN_GROUP]: LABELS.tokenInfo, confirmPin: LABELS.confirmPin };

function userRow(u: UserSummary, v: RegisterView): SafeHtml {
  const id = `reg-${u.loginId}`;
  const justDone = v.done?.loginId === u.loginId;
  return html`<tr data-login-id="${u.loginId}"${justDone ? html` class="row-done"` : ''}>
  <td class="cell-select"><input type="radio" name="loginId" value="${u.loginId}" id="${id}"${v.values.loginId === u.loginId ? html` checked` : ''}></td>
  <td class="cell-name"><label for="${id}">${u.name}</label></td>
  <td class="cell-serial" data-col="current-serial">${u.ownToken?.serial ?? NO_SERIAL}${tokenExpiryFlag(u.ownToken)}</td>
</tr>`;
}

function perUserSection(v: RegisterView): SafeHtml {
  return html`<fieldset class="field section${v.errors.loginId === undefined ? '' : ' has-error'}">
  <legend class="section-title" id="registration-info-title">${LABELS.registrationInfo}</legend>
  ${fieldError('loginId', v.errors)}
  <div class="table-scroll table-scroll-10" role="region" aria-labelledby="registration-info-title" tabindex="0" id="f-loginId">
    <table class="data-table">
      <thead><tr><th scope="col" class="cell-select">${LABELS.select}</th><th scope="col">${LABELS.userName}</th><th scope="col">${LABELS.currentSerial}</th></tr></thead>
      <tbody>${v.overview.users.map((u) => userRow(u, v))}</tbody>
    </table>
  </div>
  <p class="note">※利用者が10名を超える場合は、一覧の右側に表示されるスクロールバーにて該当の利用者を表示してください。</p>
  <p class="note note-strong">${LABELS.sameTokenNote}</p>
</fieldset>`;
}

function tokenSection(v: RegisterView): SafeHtml {
  const groupError = v.errors[TOKEN_GROUP] !== undefined;
  return html`<fieldset class="field section${groupError ? ' has-error' : ''}" id="f-${TOKEN_GROUP}"${groupError ? html` aria-describedby="f-${TOKEN_GROUP}-error"` : ''}>
  <legend class="section-title">${LABELS.tokenInfo}</legend>
  ${fieldError(TOKEN_GROUP, v.errors)}
  <div class="token-inputs">
    ${textField({ name: 'serial', label: LABELS.serial, value: v.values.serial, errors: v.errors, inputmode: 'text', maxlength: 32, hint: 'トークンに記載・表示されている番号（半角英数字）', size: 'medium' })}
    ${textField({ name: 'otp', label: LABELS.otp, type: 'text', value: '', errors: v.errors, inputmode: 'numeric', maxlength: 8, autocomplete: 'one-time-code', hint: 'トークンに表示されている数字（半角数字6～8桁）', size: 'short' })}
  </div>
  ${tokenPictures()}
</fieldset>`;
}

function doneNotice(v: RegisterView): SafeHtml | string {
  if (v.done === undefined) return '';
  if (v.form === 'shared') return notice(html`ワンタイムパスワードの利用登録が完了しました。「${LABELS.currentSerial}」欄でシリアル番号をご確認ください。`);
  const user = v.overview.users.find((u) => u.loginId === v.done?.loginId);
  if (user === undefined) return '';
  return notice(
    html`${user.name}のワンタイムパスワード利用登録が完了しました（${LABELS.serial}：<span class="serial">${user.ownToken?.serial ?? NO_SERIAL}</span>）。「${LABELS.currentSerial}」欄でもご確認いただけます。<br>引き続き利用登録する場合は、利用者を選択し、シリアル番号、ワンタイムパスワードとご契約先確認暗証番号を入力してください。`,
  );
}

export function otpRegisterPage(session: PageSession, v: RegisterView): SafeHtml {
  const o = v.overview;
  const switching = o.otpForm !== 'none' && o.otpForm !== v.form;
  const action = v.form === 'per_user' ? '/otp/register/per-user' : '/otp/register/shared';
  const body = html`${doneNotice(v)}
${errorSummary(v.errors, FIELD_LABELS)}
<form method="post" action="${action}" novalidate class="panel register-form">
  ${csrfField(session.csrfToken)}
  <dl class="summary-list">
    <div><dt>${LABELS.form}</dt><dd data-testid="otp-form">${FORM_LABELS[v.form]}</dd></div>
    ${v.form === 'shared' ? html`<div><dt><label for="current-serial">${LABELS.currentSerial}</label></dt><dd><output id="current-serial" class="serial">${o.sharedToken?.serial ?? NO_SERIAL}</output>${tokenExpiryFlag(o.sharedToken)}</dd></div>` : ''}
  </dl>
  ${switching ? html`<p class="warning" data-warning="form-switch">現在の利用形態は「${FORM_LABELS[o.otpForm]}」です。この画面で利用登録（OK）すると利用形態が切り替わり、これまでの利用登録は無効になります。</p>` : ''}
  ${v.form === 'per_user' ? perUserSection(v) : ''}
  ${tokenSection(v)}
  <div class="confirm-box">${confirmPinField(v.errors, v.triesLeft)}</div>
  ${okCancel('cancel-register')}
  <div class="notes">
    ${v.form === 'per_user'
      ? html`<p class="note">※利用者IDごとに利用登録が必要です。</p>
    <p class="note">※ワンタイムパスワードをご利用開始後は、利用登録していない利用者は、資金移動および税金各種料金払込み（オンライン方式）のお支払が出来ません。</p>`
      : ''}
    <p class="note">※ワンタイムパスワード利用登録をやめる場合は、<strong>${LABELS.cancel}</strong>をクリックします。</p>
  </div>
</form>
${cancelForm('cancel-register', '/users')}`;
  return page({
    title: LABELS.registerScreen,
    body,
    session,
    lead: html`ご利用を開始するワンタイムパスワードの利用登録を行います。<br>シリアル番号、ワンタイムパスワードとご契約先確認暗証番号を入力してから、<strong>OK</strong>を押してください。`,
    crumbs: adminCrumbs({ label: LABELS.userSelect, href: '/users' }, { label: LABELS.formSettingScreen, href: '/otp/form' }, { label: LABELS.registerScreen }),
  });
}
