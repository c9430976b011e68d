// 予約照会・取消: the user's reservations (振込指定日, 実行日, payee, amount, state) with 取消 for each one that
// can still be cancelled, and why one that could not execute did not.

import { isCancellable, type ReservationReceipt } from '../../../domain/reservation-receipt.ts';
import { html, type SafeHtml } from '../../html.ts';
import { notice } from '../../views/components.ts';
import { japaneseDate, yen } from './format.ts';
import { reservationStatus } from './reservation-status.ts';
import { USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

function payee(r: ReservationReceipt): SafeHtml {
  const d = r.details;
  return html`<span class="kana">${d.payeeName}</span><br><span class="muted">${d.bankCode}-${d.branchCode} ${d.accountNumber}</span>`;
}

function row(r: ReservationReceipt, today: string): SafeHtml {
  const action = isCancellable(r, today)
    ? html`<a class="button button-small" href="/user/reservations/cancel?id=${r.reservationId}" data-testid="cancel-link">取消<span class="visually-hidden">（${japaneseDate(r.executeOn)} ${r.details.payeeName} ${yen(r.amountYen)}）</span></a>`
    : '';
  return html`<tr data-testid="reservation-row" data-reservation="${r.reservationId}">
    <td>${japaneseDate(r.details.transferDate)}</td><td>${japaneseDate(r.executeOn)}</td><td>${payee(r)}</td>
    <td class="amount">${yen(r.amountYen)}</td><td>${reservationStatus(r)}</td><td>${action}</td></tr>`;
}

export function reservationListPage(session: UserPageSession, list: readonly ReservationReceipt[], today: string): SafeHtml {
  const title = USER_LABELS.reservations;
  const table = list.length === 0
    ? html`<p class="empty">予約はありません。</p>`
    : html`<div class="table-scroll"><table class="data-table">
    <caption class="visually-hidden">資金移動の予約一覧</caption>
    <thead><tr><th scope="col">${USER_LABELS.transferDate}</th><th scope="col">${USER_LABELS.executeOn}</th><th scope="col">${USER_LABELS.payeeName}</th><th scope="col" class="amount">${USER_LABELS.amount}</th><th scope="col">状態</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
    <tbody>${list.map((r) => row(r, today))}</tbody></table></div>`;
  const body = html`${notice('振込指定日が本日より後の資金移動は予約として受け付け、実行日にお支払口座から引き落とします。取り消しは実行日の前日までできます。', 'info')}
<section class="panel">
  <h2 class="panel-title">予約一覧</h2>
  ${table}
</section>
<div class="actions"><a class="button button-primary" href="/user/menu">${USER_LABELS.backToMenu}</a></div>`;
  return userPage({ title, body, session, crumbs: userCrumbs({ label: title }) });
}
