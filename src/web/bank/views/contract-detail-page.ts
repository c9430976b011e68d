// 契約先詳細: the contract's admin login and ご契約先確認暗証番号 lock states, its OTP 利用形態 and since when,
// its users, the tokens issued to it (with the expiry flags of token-expiry.ts) and its recent audit entries;
// links to トークン詳細, to 監査ログ filtered by the contract, and to ロック解除 where something is locked.

import type { ContractDetail } from '../../../domain/lifecycle/index.ts';
import { tokenExpiry } from '../../../domain/token-expiry.ts';
import { html, type SafeHtml } from '../../html.ts';
import { tokenExpiryFlag } from '../../views/token-expiry-flag.ts';
import { FORM_LABELS } from '../../views/labels.ts';
import { auditTable } from './audit-table.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';
import { TOKEN_MODEL_LABELS } from './console-labels.ts';
import { lockState, tokenStatus } from './lock-state.ts';

export interface ContractDetailView {
  readonly session: BankPageSession;
  readonly detail: ContractDetail;
  readonly nowMs: number;
  /** ロック解除 is offered to roles that may ask for it. */
  readonly canUnlock: boolean;
}

const when = (ms: number | null): string => (ms === null ? '-' : tokyoDateTime(ms));

function unlockLink(v: ContractDetailView, kind: string, extra: Record<string, string> = {}): SafeHtml {
  if (!v.canUnlock) return html``;
  const q = new URLSearchParams({ contractId: v.detail.id, kind, ...extra });
  return html` <a class="inline-action" href="/bank/unlock?${q.toString()}">ロック解除へ</a>`;
}

export function contractDetailPage(v: ContractDetailView): SafeHtml {
  const d = v.detail;
  const users = d.users.length === 0 ? html`<p class="empty">利用者は登録されていません。</p>` : html`<div class="table-scroll"><table class="data-table console-table">
    <thead><tr><th scope="col">利用者ID</th><th scope="col">利用者名</th><th scope="col">ログイン</th><th scope="col">登録トークン</th><th scope="col">最終OTP認証成功</th></tr></thead>
    <tbody>${d.users.map(
      (u) => html`<tr data-user="${u.loginId}"><td class="cell-serial">${u.loginId}</td><td>${u.name}</td><td>${lockState(u.login)}${u.login.locked ? unlockLink(v, 'user', { loginId: u.loginId }) : ''}</td>
      <td class="cell-serial">${u.serial === null ? '-' : html`<a href="/bank/tokens/${u.serial}">${u.serial}</a>`}</td><td class="cell-nowrap">${when(u.lastOtpAtMs)}</td></tr>`,
    )}</tbody></table></div>`;
  const tokens = d.tokens.length === 0 ? html`<p class="empty">発行済みのトークンはありません。</p>` : html`<div class="table-scroll"><table class="data-table console-table">
    <thead><tr><th scope="col">シリアル番号</th><th scope="col">状態</th><th scope="col">機種</th><th scope="col">有効期限</th><th scope="col">最終利用</th></tr></thead>
    <tbody>${d.tokens.map(
      (t) => html`<tr data-serial="${t.serial}"><td class="cell-serial"><a href="/bank/tokens/${t.serial}">${t.serial}</a></td><td>${tokenStatus(t.status)}${t.status === 'locked' ? unlockLink(v, 'token', { serial: t.serial }) : ''}</td><td>${TOKEN_MODEL_LABELS[t.model]}</td>
      <td>${t.expiresAtMs === null ? '-' : when(t.expiresAtMs).slice(0, 10)}${tokenExpiryFlag({ expiry: tokenExpiry(t.expiresAtMs, v.nowMs) })}</td><td class="cell-nowrap">${when(t.lastUsedAtMs)}</td></tr>`,
    )}</tbody></table></div>`;
  const body = html`<section class="panel" aria-labelledby="contract-title">
  <h2 class="panel-title" id="contract-title">ご契約先</h2>
  <dl class="summary-list">
    <div><dt>ご契約先ID</dt><dd class="serial" data-contract-id>${d.id}</dd></div>
    <div><dt>契約先名</dt><dd>${d.name}</dd></div>
    <div><dt>登録日</dt><dd>${when(d.createdAtMs)}</dd></div>
    <div><dt>管理者ログイン</dt><dd data-lock="admin_login">${lockState(d.adminLogin)}${d.adminLogin.locked ? unlockLink(v, 'admin_login') : ''}</dd></div>
    <div><dt>ご契約先確認暗証番号</dt><dd data-lock="confirm_pin">${lockState(d.confirmPin)}${d.confirmPin.locked ? unlockLink(v, 'confirm_pin') : ''}</dd></div>
    <div><dt>ワンタイムパスワード利用形態</dt><dd data-otp-form="${d.otpForm}">${FORM_LABELS[d.otpForm]}${d.otpStartedAtMs === null ? '' : html`<span class="muted">（${when(d.otpStartedAtMs)}から）</span>`}</dd></div>
  </dl>
  <p class="link-row"><a href="/bank/audit?contractId=${d.id}">この契約先の監査ログ</a></p>
</section>
<section class="panel" aria-labelledby="users-title"><h2 class="panel-title" id="users-title">利用者（${d.users.length}名）</h2>${users}</section>
<section class="panel" aria-labelledby="tokens-title"><h2 class="panel-title" id="tokens-title">発行済みトークン（${d.tokens.length}本）</h2>${tokens}</section>
<section class="panel" aria-labelledby="audit-title"><h2 class="panel-title" id="audit-title">最近の監査ログ</h2>${auditTable(d.recentAudit, '最近の監査ログ')}
  <p class="link-row"><a href="/bank/audit?contractId=${d.id}">全ての監査ログを見る</a></p></section>`;
  return bankPage({ title: '契約先詳細', body, session: v.session, current: 'contracts', crumbs: [{ label: '契約先検索', href: '/bank/contracts' }, { label: '契約先詳細' }] });
}
