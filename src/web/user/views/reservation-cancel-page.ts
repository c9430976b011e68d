// 資金移動予約取消: the reservation to cancel, drawn from the stored row, and the field for a fresh OTP; then
// the completion screen.

import type { ReservationReceipt } from '../../../domain/reservation-receipt.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { japaneseDate } from './format.ts';
import { paymentSummary } from './payment-summary.ts';
import { reservationStatus } from './reservation-status.ts';
import { FIELD_LABELS, USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

const TITLE = '資金移動予約取消';

function summary(r: ReservationReceipt): SafeHtml {
  return html`<dl class="summary-list">
    <div><dt>${USER_LABELS.executeOn}</dt><dd data-testid="execute-on">${japaneseDate(r.executeOn)}</dd></div>
    <div><dt>状態</dt><dd>${reservationStatus(r)}</dd></div>
  </dl>
  ${paymentSummary(r.details, r.amountYen, undefined)}`;
}

export function reservationCancelPage(session: UserPageSession, r: ReservationReceipt, serial: string, errors: FieldErrors): SafeHtml {
  const body = html`${errorSummary(errors, FIELD_LABELS)}
<section class="panel">
  <h2 class="panel-title">取り消す予約</h2>
  ${summary(r)}
</section>
<form method="post" action="/user/reservations/cancel" novalidate>
  ${csrfField(session.csrfToken)}
  <input type="hidden" name="reservationId" value="${r.reservationId}">
  <div class="authorise-box">
    <h2 class="authorise-title">${USER_LABELS.otp}の入力</h2>
    <p class="note">トークン（シリアル番号 <span class="serial">${serial}</span>）に表示されている${USER_LABELS.otp}を入力して、「取消実行」を押してください。</p>
    ${textField({ name: 'otp', label: USER_LABELS.otp, errors, inputmode: 'numeric', maxlength: 8, size: 'short', autocomplete: 'one-time-code', hint: '半角数字6〜8桁' })}
  </div>
  <div class="actions">
    <button type="submit" class="button button-primary">取消実行</button>
    <a class="button button-secondary" href="/user/reservations">${USER_LABELS.reservations}へ戻る</a>
  </div>
</form>`;
  return userPage({ title: `${TITLE}（確認）`, body, session, step: '確認', crumbs: userCrumbs({ label: USER_LABELS.reservations, href: '/user/reservations' }, { label: TITLE }), lead: '取り消す予約をご確認のうえ、ワンタイムパスワードを入力してください。' });
}

export function reservationCancelledPage(session: UserPageSession, r: ReservationReceipt): SafeHtml {
  const body = html`${notice('資金移動の予約を取り消しました。', 'success')}
<section class="panel">${summary(r)}</section>
<div class="actions">
  <a class="button button-secondary" href="/user/reservations">${USER_LABELS.reservations}へ</a>
  <a class="button button-primary" href="/user/menu">${USER_LABELS.backToMenu}</a>
</div>`;
  return userPage({ title: `${TITLE}（完了）`, body, session, step: '完了', crumbs: userCrumbs({ label: USER_LABELS.reservations, href: '/user/reservations' }, { label: TITLE }) });
}
