// 利用者メニュー: 「資金移動」 and 「税金・各種料金の払込み」 as the user's permissions allow, what will
// authorise the payments (or why none is possible), the accounts' balances, the limits and the latest debits.

import { ACCOUNT_KIND_LABELS } from '../../../domain/payment-details.ts';
import type { UserHome } from '../../../domain/user-home.ts';
import { messageFor } from '../../../messages.ja.ts';
import { html, type SafeHtml } from '../../html.ts';
import { notice } from '../../views/components.ts';
import { japaneseDateTime, yen } from './format.ts';
import { refusalBox } from './refusal.ts';
import { USER_LABELS } from './user-labels.ts';
import { userPage, type UserPageSession } from './user-layout.ts';

function authorityNotice(h: UserHome): SafeHtml {
  if (h.authority === null) return refusalBox('not_registered');
  if (h.authority.kind === 'otp') {
    return html`${notice(html`お支払の際は、トークン（シリアル番号 <span class="serial" data-testid="token-serial">${h.authority.serial}</span>）に表示される${USER_LABELS.otp}を入力します。`, 'info')}
${h.tokenLocked ? html`<div class="warning" data-error-code="token_locked">${messageFor('token_locked')}</div>` : ''}`;
  }
  return html`${notice(`お支払の際は、${USER_LABELS.userConfirmPin}を入力します。`, 'info')}
${h.userPinLocked ? html`<div class="warning" data-error-code="user_pin_locked">${messageFor('user_pin_locked')}</div>` : ''}`;
}

function menu(h: UserHome): SafeHtml {
  const cards = [
    h.canTransfer ? html`<a class="menu-card" href="/user/transfer"><span class="menu-card-title">${USER_LABELS.transfer}</span><span class="menu-card-text">ご指定の口座へお振込みします。</span></a>` : '',
    h.canTransfer ? html`<a class="menu-card" href="/user/reservations"><span class="menu-card-title">${USER_LABELS.reservations}</span><span class="menu-card-text">振込指定日が先のお振込み（予約）の照会と取消を行います。</span></a>` : '',
    h.canPayTax ? html`<a class="menu-card" href="/user/payeasy"><span class="menu-card-title">${USER_LABELS.payEasy}</span><span class="menu-card-text">Pay-easy（ペイジー）マークの付いた税金・各種料金をお支払いします。</span></a>` : '',
  ];
  if (!h.canTransfer && !h.canPayTax) return html`<p class="empty">ご利用いただけるお取引はありません。権限の設定は管理者にご依頼ください。</p>`;
  return html`<nav class="menu-grid" aria-label="${USER_LABELS.userMenu}">${cards}</nav>`;
}

function balances(h: UserHome): SafeHtml {
  return html`<section class="panel">
  <h2 class="panel-title">口座残高</h2>
  <div class="balance-cards">${h.accounts.map((a) => html`<div class="balance-card">
    <p class="muted">支店 ${a.branchCode}　${ACCOUNT_KIND_LABELS[a.kind]}　${a.number}</p>
    <p class="amount-large" data-testid="balance-${a.id}">${yen(a.balanceYen)}</p>
  </div>`)}</div>
  <dl class="summary-list">
    <div><dt>1回あたりのお支払限度額</dt><dd class="amount">${yen(h.limits.perPaymentYen)}</dd></div>
    <div><dt>1日あたりのお支払限度額</dt><dd class="amount">${yen(h.limits.dailyYen)}</dd></div>
    <div><dt>本日のお支払額</dt><dd class="amount" data-testid="used-today">${yen(h.usedTodayYen)}</dd></div>
  </dl>
</section>`;
}

function history(h: UserHome): SafeHtml {
  const rows = h.history.map((e) => html`<tr data-testid="history-row">
    <td>${japaneseDateTime(e.atMs)}</td><td>${e.description}</td><td>${e.loginId}</td>
    <td class="amount">${yen(e.amountYen)}</td><td class="amount">${yen(e.balanceAfterYen)}</td></tr>`);
  return html`<section class="panel">
  <h2 class="panel-title">${USER_LABELS.history}（最新${h.history.length}件）</h2>
  ${h.history.length === 0 ? html`<p class="empty">お支払はまだありません。</p>` : html`<div class="table-scroll"><table class="data-table">
    <thead><tr><th scope="col">日時</th><th scope="col">内容</th><th scope="col">${USER_LABELS.loginId}</th><th scope="col" class="amount">お支払金額</th><th scope="col" class="amount">お支払後残高</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`}
</section>`;
}

function secretLinks(): SafeHtml {
  return html`<section class="panel">
  <h2 class="panel-title">暗証番号の変更</h2>
  <ul class="link-list">
    <li><a href="/user/password">${USER_LABELS.password}変更</a></li>
    <li><a href="/user/confirm-pin">${USER_LABELS.userConfirmPin}変更</a></li>
  </ul>
</section>`;
}

export function userMenuPage(session: UserPageSession, h: UserHome): SafeHtml {
  const body = html`${authorityNotice(h)}
${menu(h)}
${balances(h)}
${history(h)}
${secretLinks()}`;
  return userPage({ title: USER_LABELS.userMenu, body, session, crumbs: [{ label: USER_LABELS.userMenu }] });
}
