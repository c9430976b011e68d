// 利用者ログイン: ご契約先ID, 利用者ID and 利用者暗証番号.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { errorSummary, notice, textField, waitNote } from '../../views/components.ts';
import { FIELD_LABELS, USER_LABELS } from './user-labels.ts';
import { userPage } from './user-layout.ts';

export interface UserLoginView {
  readonly csrfToken: string;
  readonly contractId: string;
  readonly loginId: string;
  readonly errors: FieldErrors;
  readonly info?: 'logged_out';
  /** After a wrong password: how many more wrong ones lock the login. */
  readonly triesLeft?: number | undefined;
  /** During the progressive delay: the seconds before the next attempt is taken. */
  readonly retryAfterSeconds?: number | undefined;
}

export function userLoginPage(v: UserLoginView): SafeHtml {
  const body = html`${v.info === 'logged_out' ? notice('ログアウトしました。', 'info') : ''}
${errorSummary(v.errors, FIELD_LABELS)}
<section class="panel panel-narrow">
  <h2 class="panel-title">${USER_LABELS.userLogin}</h2>
  <form method="post" action="/user/login" novalidate>
    <input type="hidden" name="_csrf" value="${v.csrfToken}">
    ${textField({ name: 'contractId', label: USER_LABELS.contractId, value: v.contractId, errors: v.errors, inputmode: 'numeric', maxlength: 11, autocomplete: 'organization', hint: '半角数字11桁', size: 'medium' })}
    ${textField({ name: 'loginId', label: USER_LABELS.loginId, value: v.loginId, errors: v.errors, maxlength: 30, autocomplete: 'username', hint: '半角英数字30桁以内', size: 'medium' })}
    ${textField({ name: 'password', label: USER_LABELS.password, type: 'password', errors: v.errors, autocomplete: 'current-password', maxlength: 64, size: 'medium', triesLeft: v.triesLeft })}
    ${waitNote(v.retryAfterSeconds)}
    <div class="actions"><button type="submit" class="button button-primary">${USER_LABELS.login}</button></div>
  </form>
  <p class="note">※${USER_LABELS.password}を5回続けて誤るとログインできなくなります。その場合は管理者に「利用中止解除」を依頼してください。</p>
</section>
<p class="back-link"><a href="/login">管理者の方はこちら</a></p>`;
  return userPage({ title: USER_LABELS.userLogin, body, lead: 'ご契約先ID、利用者IDと利用者暗証番号を入力してログインしてください。' });
}
