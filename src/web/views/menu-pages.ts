// 管理者メニュー and its 「ご契約先管理情報変更」 section, from which 「利用者情報登録/変更」 leads to the users.

import type { ContractOverview } from '../../domain/user-overview.ts';
import { html, type SafeHtml } from '../html.ts';
import { FORM_LABELS, LABELS } from './labels.ts';
import { page, type PageSession } from './layout.ts';

function contractSummary(o: ContractOverview): SafeHtml {
  return html`<dl class="summary-list">
  <div><dt>${LABELS.contractId}</dt><dd>${o.contractId}</dd></div>
  <div><dt>ご契約先名</dt><dd>${o.contractName}</dd></div>
  <div><dt>${LABELS.form}</dt><dd data-testid="otp-form">${FORM_LABELS[o.otpForm]}</dd></div>
  <div><dt>${LABELS.confirmPin}</dt><dd>${o.confirmPinLocked ? html`<span class="status status-locked">利用停止中</span>` : html`<span class="status status-ok">利用可能</span>`}</dd></div>
</dl>`;
}

export function adminMenuPage(session: PageSession, o: ContractOverview): SafeHtml {
  const body = html`<section class="panel">
  <h2 class="panel-title">ご契約先情報</h2>
  ${contractSummary(o)}
</section>
<nav class="menu-grid" aria-label="${LABELS.adminMenu}">
  <a class="menu-card" href="/menu/contract" aria-labelledby="menu-contract-title" aria-describedby="menu-contract-text">
    <span class="menu-card-title" id="menu-contract-title">${LABELS.contractAdmin}</span>
    <span class="menu-card-text" id="menu-contract-text">利用者の登録・変更、ワンタイムパスワードの利用形態設定と利用登録を行います。</span>
  </a>
  <a class="menu-card" href="/menu/password" aria-labelledby="menu-password-title" aria-describedby="menu-password-text">
    <span class="menu-card-title" id="menu-password-title">${LABELS.adminPassword}変更</span>
    <span class="menu-card-text" id="menu-password-text">ログインに使う${LABELS.adminPassword}を変更します。</span>
  </a>
  <a class="menu-card" href="/menu/confirm-pin" aria-labelledby="menu-confirm-pin-title" aria-describedby="menu-confirm-pin-text">
    <span class="menu-card-title" id="menu-confirm-pin-title">${LABELS.confirmPin}変更</span>
    <span class="menu-card-text" id="menu-confirm-pin-text">操作の確認に使う${LABELS.confirmPin}を変更します。</span>
  </a>
</nav>`;
  return page({ title: LABELS.adminMenu, body, session, crumbs: [{ label: LABELS.adminMenu }] });
}

export function contractMenuPage(session: PageSession): SafeHtml {
  const body = html`<nav class="menu-list" aria-label="${LABELS.contractAdmin}">
  <ul>
    <li><a class="menu-link" href="/users" aria-labelledby="menu-users-title" aria-describedby="menu-users-text"><span class="menu-link-title" id="menu-users-title">${LABELS.userAdmin}</span><span class="menu-link-text" id="menu-users-text">利用者の新規登録・変更・登録抹消、利用中止解除、ワンタイムパスワードの利用登録を行います。</span></a></li>
  </ul>
</nav>
<p class="back-link"><a href="/menu">${LABELS.adminMenu}へ戻る</a></p>`;
  return page({ title: LABELS.contractAdmin, body, session, crumbs: [{ label: LABELS.adminMenu, href: '/menu' }, { label: LABELS.contractAdmin }] });
}
