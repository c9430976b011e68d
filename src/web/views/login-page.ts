// 管理者でログイン: ご契約先ID and ご契約先暗証番号.

import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, notice, textField, waitNote } from './components.ts';
import { LABELS } from './labels.ts';
import { page } from './layout.ts';

export interface LoginView {
  readonly csrfToken: string;
  readonly contractId: string;
  readonly errors: FieldErrors;
  readonly info?: 'logged_out';
  /** After a wrong password: how many more wrong ones lock the login. */
  readonly triesLeft?: number | undefined;
  /** During the progressive delay: the seconds before the next attempt is taken. */
  readonly retryAfterSeconds?: number | undefined;
}

export function loginPage(v: LoginView): SafeHtml {
  const body = html`${v.info === 'logged_out' ? notice('ログアウトしました。', 'info') : ''}
${errorSummary(v.errors, { contractId: LABELS.contractId, password: LABELS.adminPassword })}
<section class="panel panel-narrow">
  <h2 class="panel-title">管理者ログイン</h2>
  <form method="post" action="/login" novalidate>
    <input type="hidden" name="_csrf" value="${v.csrfToken}">
    ${textField({ name: 'contractId', label: LABELS.contractId, value: v.contractId, errors: v.errors, inputmode: 'numeric', maxlength: 11, autocomplete: 'username', hint: '半角数字11桁', size: 'medium' })}
    ${textField({ name: 'password', label: LABELS.adminPassword, type: 'password', errors: v.errors, autocomplete: 'current-password', maxlength: 64, size: 'medium', triesLeft: v.triesLeft })}
    ${waitNote(v.retryAfterSeconds)}
    <div class="actions"><button type="submit" class="button button-primary">${LABELS.login}</button></div>
  </form>
</section>
<p class="back-link"><a href="/user/login">利用者の方はこちら</a></p>`;
  return page({ title: '管理者ログイン', body, lead: '管理者の方は、ご契約先IDとご契約先暗証番号を入力してログインしてください。' });
}
