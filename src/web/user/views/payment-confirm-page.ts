// ② 確認: the stored draft, exactly what the OTP (or the 利用者確認暗証番号) will authorise, and the field for
// it. 「修正する」 starts a new draft, which needs a new OTP (PSD2 RTS Art. 5: the code is bound to the amount
// and the payee).

import type { ConfirmView } from '../../../domain/payment-lookup.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, textField } from '../../views/components.ts';
import { otpTriesLeft } from '../../views/otp-tries-left.ts';
import { japaneseDate, japaneseDateTime } from './format.ts';
import { paymentSummary, paymentTitle } from './payment-summary.ts';
import { signingBox } from './signing-box.ts';
import { FIELD_LABELS, USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

function authoriseBox(v: ConfirmView, errors: FieldErrors, triesLeft?: number, qrSvg?: string): SafeHtml {
  if (v.signing !== null && qrSvg !== undefined && v.details.kind === 'transfer') {
    return signingBox({ signing: v.signing, accountNumber: v.details.accountNumber, amountYen: v.draft.amountYen, qrSvg }, errors, triesLeft);
  }
  if (v.authority.kind === 'otp') {
    return html`<div class="authorise-box">
  <h2 class="authorise-title">${USER_LABELS.otp}の入力</h2>
  <p class="note">トークン（シリアル番号 <span class="serial">${v.authority.serial}</span>）に表示されている${USER_LABELS.otp}を入力して、「実行」を押してください。</p>
  ${textField({ name: 'otp', label: USER_LABELS.otp, errors, inputmode: 'numeric', maxlength: 8, size: 'short', autocomplete: 'one-time-code', hint: '半角数字6〜8桁' })}
  ${otpTriesLeft('otp', triesLeft)}
</div>`;
  }
  return html`<div class="authorise-box">
  <h2 class="authorise-title">${USER_LABELS.userConfirmPin}の入力</h2>
  ${textField({ name: 'userConfirmPin', label: USER_LABELS.userConfirmPin, type: 'password', errors, maxlength: 64, size: 'medium', triesLeft })}
</div>`;
}

/**
 * `triesLeft`: after a wrong OTP, 取引認証番号 or 利用者確認暗証番号, how many more lock the token or the PIN.
 * `qrSvg`: the 取引認証 QR code, when `v.signing` asks for a signature.
 */
export function paymentConfirmPage(session: UserPageSession, v: ConfirmView, errors: FieldErrors, triesLeft?: number, qrSvg?: string): SafeHtml {
  const title = `${paymentTitle(v.draft.kind)}（確認）`;
  const editPath = v.draft.kind === 'transfer' ? '/user/transfer' : '/user/payeasy';
  const body = html`${errorSummary(errors, FIELD_LABELS)}
<section class="panel">
  <h2 class="panel-title">お取引内容</h2>
  ${paymentSummary(v.details, v.draft.amountYen, v.account)}
  ${v.executeOn === null ? '' : html`<p class="reservation-notice" data-testid="reservation-notice">振込指定日が本日より後のため、<strong>予約</strong>としてお受けします。${japaneseDate(v.executeOn)}（${USER_LABELS.executeOn}）にお支払口座から引き落とします。</p>`}
  <p class="note">この画面の有効時間は5分です（${japaneseDateTime(v.draft.expiresAtMs)}まで）。金額や${v.draft.kind === 'transfer' ? 'お振込先' : 'お支払先'}を変更する場合は「修正する」を押してください。変更後は新しい${v.signing !== null ? USER_LABELS.signature : v.authority.kind === 'otp' ? USER_LABELS.otp : '確認'}が必要です。</p>
</section>
<form method="post" action="/user/payments/execute" novalidate>
  ${csrfField(session.csrfToken)}
  <input type="hidden" name="draftId" value="${v.draft.id}">
  ${authoriseBox(v, errors, triesLeft, qrSvg)}
  <div class="actions">
    <button type="submit" class="button button-primary">${USER_LABELS.execute}</button>
    <a class="button button-secondary" href="${editPath}?from=${v.draft.id}">${USER_LABELS.edit}</a>
    <a class="button button-secondary" href="/user/menu">中止する</a>
  </div>
</form>`;
  return userPage({ title, body, session, step: '確認', crumbs: userCrumbs({ label: title }), lead: '内容をご確認のうえ、「実行」を押してください。' });
}
