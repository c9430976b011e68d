// ③ 完了 of a future-dated 資金移動: 予約受付, the day it will execute and what was authorised. Nothing has been
// debited yet, so no balance after it is shown.

import type { ReservationReceipt } from '../../../domain/reservation-receipt.ts';
import { html, type SafeHtml } from '../../html.ts';
import { notice } from '../../views/components.ts';
import { japaneseDate, japaneseDateTime } from './format.ts';
import { paymentSummary } from './payment-summary.ts';
import { reservationStatus } from './reservation-status.ts';
import { USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

export function reservationReceiptPage(session: UserPageSession, r: ReservationReceipt): SafeHtml {
  const title = `${USER_LABELS.transfer}（予約受付）`;
  const moved = r.executeOn === r.details.transferDate ? '' : html`<p class="note">振込指定日が銀行休業日のため、翌営業日に実行します。</p>`;
  const body = html`${notice(html`お振込みの予約を受け付けました。<strong>${japaneseDate(r.executeOn)}</strong>に実行します。`, 'success')}
<section class="panel">
  <dl class="summary-list">
    <div><dt>受付区分</dt><dd data-testid="reservation-kind">予約受付</dd></div>
    <div><dt>${USER_LABELS.executeOn}</dt><dd data-testid="execute-on">${japaneseDate(r.executeOn)}</dd></div>
    <div><dt>受付日時</dt><dd>${japaneseDateTime(r.reservedAtMs)}</dd></div>
    <div><dt>状態</dt><dd>${reservationStatus(r)}</dd></div>
  </dl>
  ${moved}
  ${paymentSummary(r.details, r.amountYen, undefined)}
  <p class="note">実行日にお支払口座から引き落とします。実行日の前日までは「${USER_LABELS.reservations}」から取り消すことができます（ワンタイムパスワードが必要です）。</p>
</section>
<div class="actions">
  <a class="button button-secondary" href="/user/reservations">${USER_LABELS.reservations}へ</a>
  <a class="button button-primary" href="/user/menu">${USER_LABELS.backToMenu}</a>
</div>`;
  return userPage({ title, body, session, step: '完了', crumbs: userCrumbs({ label: title }) });
}
