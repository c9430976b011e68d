// 職員ログイン: 職員ID and パスワード, then the ワンタイムパスワード of the staff member's authenticator.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';

export interface BankLoginView {
  readonly csrfToken: string;
  readonly staffId: string;
  readonly errors: FieldErrors;
  readonly info?: 'logged_out';
}

export function bankLoginPage(v: BankLoginView): SafeHtml {
  const body = html`${v.info === 'logged_out' ? notice('ログアウトしました。', 'info') : ''}
${errorSummary(v.errors, { staffId: '職員ID', password: 'パスワード' })}
<section class="panel panel-narrow">
  <h2 class="panel-title">職員ログイン</h2>
  <form method="post" action="/bank/login" novalidate>
    ${csrfField(v.csrfToken)}
    ${textField({ name: 'staffId', label: '職員ID', value: v.staffId, errors: v.errors, autocomplete: 'username', maxlength: 20, size: 'medium' })}
    ${textField({ name: 'password', label: 'パスワード', type: 'password', errors: v.errors, autocomplete: 'current-password', maxlength: 64, size: 'medium' })}
    <div class="actions"><button type="submit" class="button button-primary">次へ</button></div>
  </form>
</section>`;
  return bankPage({ title: '職員ログイン', body, lead: '信用金庫の職員の方は、職員IDとパスワードを入力してください。' });
}

export function bankOtpPage(session: BankPageSession, errors: FieldErrors): SafeHtml {
  const body = html`${errorSummary(errors, { otp: 'ワンタイムパスワード' })}
<section class="panel panel-narrow">
  <h2 class="panel-title">ワンタイムパスワード</h2>
  <form method="post" action="/bank/login/otp" novalidate>
    ${csrfField(session.csrfToken)}
    ${textField({ name: 'otp', label: 'ワンタイムパスワード', errors, inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code', hint: '認証アプリに表示されている半角数字6桁', size: 'short' })}
    <div class="actions"><button type="submit" class="button button-primary">ログイン</button></div>
  </form>
</section>`;
  return bankPage({ title: '職員ログイン', body, session, lead: '認証アプリに表示されているワンタイムパスワードを入力してください。' });
}
