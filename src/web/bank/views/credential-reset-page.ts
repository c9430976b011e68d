// 暗証番号再発行: which customer, which 暗証番号 and a 理由. The screen only asks: a reset runs when another
// staff member approves it (承認待ち一覧), and its initial value is then shown once to the one who asked.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { choiceField, reasonField } from './choice-field.ts';

export interface CredentialResetView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly requested?: boolean;
}

const KINDS = [
  { value: 'admin_password', label: 'ご契約先暗証番号（管理者のログイン）' },
  { value: 'confirm_pin', label: 'ご契約先確認暗証番号' },
  { value: 'user_password', label: '利用者暗証番号（利用者IDを入力）' },
  { value: 'user_confirm_pin', label: '利用者確認暗証番号（利用者IDを入力）' },
] as const;

export function credentialResetPage(v: CredentialResetView): SafeHtml {
  const body = html`${v.requested === true ? notice(html`承認を依頼しました。承認者が「承認待ち一覧」で承認すると再発行され、初期暗証番号は<strong>依頼したあなたにだけ一度だけ</strong>表示されます。`) : ''}
${errorSummary(v.errors, { contractId: 'ご契約先ID', kind: '再発行する暗証番号', loginId: '利用者ID', reason: '理由' })}
<section class="panel">
  <form method="post" action="/bank/credential-reset" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'contractId', label: 'ご契約先ID', value: v.values.contractId ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 11, hint: '半角数字11桁', size: 'medium' })}
    ${choiceField('kind', '再発行する暗証番号', KINDS, v.values.kind, v.errors)}
    ${textField({ name: 'loginId', label: '利用者ID', value: v.values.loginId ?? '', errors: v.errors, maxlength: 30, hint: '利用者暗証番号・利用者確認暗証番号のときのみ', size: 'medium' })}
    ${reasonField(v.values.reason, v.errors)}
    <div class="actions"><button type="submit" class="button button-primary">承認を依頼</button></div>
  </form>
</section>`;
  return bankPage({
    title: '暗証番号再発行',
    body,
    session: v.session,
    current: 'credential-reset',
    lead: '暗証番号の再発行には、他の職員（承認者）の承認が必要です。承認されると初期暗証番号が発行され、お客さまは次回のログイン・ご利用時に変更が必要になります。',
  });
}

export interface InitialValueView {
  readonly session: BankPageSession;
  /** What was reset, in words (承認待ち一覧's description). */
  readonly what: string;
  readonly value: string;
}

/** 初期暗証番号の表示: the value once; it was erased when this page was made. */
export function initialValuePage(v: InitialValueView): SafeHtml {
  const body = html`<section class="panel one-time" aria-labelledby="one-time-title">
  <h2 class="panel-title" id="one-time-title">${v.what}</h2>
  <p class="enrol-secret-label">初期暗証番号</p>
  <p class="enrol-secret" data-one-time>${v.value}</p>
  <div class="warning"><p>この画面は<strong>一度だけ</strong>表示されます。再表示はできません（表示と同時に消去されました）。</p>
  <p>初期暗証番号は、当金庫所定の手続き（本人確認のうえ書面で交付）によりお客さまへお渡しください。メモ・電子メール・電話での伝達はしないでください。</p>
  <p>お客さまは次回のご利用時に、この初期暗証番号を新しい暗証番号へ変更する必要があります。</p></div>
  <p><a href="/bank/approvals">承認待ち一覧へ戻る</a></p>
</section>`;
  return bankPage({ title: '初期暗証番号の表示', body, session: v.session, current: 'credential-reset' });
}
