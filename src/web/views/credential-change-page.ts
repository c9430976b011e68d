// The four 暗証番号変更 screens (the administrator's two, the users' two) and their 完了 screens: the current
// value, the new value and the new value again (確認用). Secrets are never filled back in; a wrong current
// value says how many tries remain before the lock.

import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { cancelForm, csrfField, errorSummary, notice, okCancel, textField } from './components.ts';

export interface CredentialScreen {
  /** e.g. 「ご契約先暗証番号変更」 */
  readonly title: string;
  /** e.g. 「ご契約先暗証番号」 */
  readonly secretLabel: string;
  readonly action: string;
  readonly cancelHref: string;
  /** Where the 完了 screen leads back to. */
  readonly backHref: string;
  readonly backLabel: string;
}

export interface CredentialFormView {
  readonly csrfToken: string;
  readonly errors: FieldErrors;
  readonly triesLeft?: number | undefined;
  /** Set after the bank's 暗証番号再発行: the change is required before anything else. */
  readonly forced: boolean;
}

export const SECRET_RULE_HINT = '6桁以上12桁以内の半角英数字（英字と数字をそれぞれ1文字以上）';

export function credentialFormBody(s: CredentialScreen, v: CredentialFormView): SafeHtml {
  const labels = { current: `現在の${s.secretLabel}`, next: `新しい${s.secretLabel}`, nextAgain: `新しい${s.secretLabel}（確認用）` };
  return html`${v.forced ? notice(html`<span data-forced-change>${s.secretLabel}は再発行された初期値のままです。お取引の前に新しい${s.secretLabel}に変更してください。</span>`, 'warning') : ''}
${errorSummary(v.errors, labels)}
<form method="post" action="${s.action}" novalidate class="panel panel-narrow">
  ${csrfField(v.csrfToken)}
  ${textField({ name: 'current', label: labels.current, type: 'password', errors: v.errors, autocomplete: 'current-password', maxlength: 64, triesLeft: v.triesLeft })}
  ${textField({ name: 'next', label: labels.next, type: 'password', errors: v.errors, autocomplete: 'new-password', maxlength: 12, hint: SECRET_RULE_HINT })}
  ${textField({ name: 'nextAgain', label: labels.nextAgain, type: 'password', errors: v.errors, autocomplete: 'new-password', maxlength: 12 })}
  ${okCancel('cancel-credential', '変更する')}
</form>
${cancelForm('cancel-credential', s.cancelHref)}`;
}

export function credentialDoneBody(s: CredentialScreen): SafeHtml {
  return html`${notice(html`<span data-credential-changed>${s.secretLabel}を変更しました。</span>`)}
<section class="panel">
  <p>次回から新しい${s.secretLabel}をご利用ください。</p>
</section>
<p class="back-link"><a href="${s.backHref}">${s.backLabel}へ戻る</a></p>`;
}
