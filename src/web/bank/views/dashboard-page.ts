// ダッシュボード: what needs attention (requests awaiting approval, locks in force, failures and lock refusals
// of the last 24 hours, tokens expiring within 90 days), tokens by status, and verifications per hour. Each
// number that has a list opens it.

import type { DashboardFigures } from '../../../domain/lifecycle/index.ts';
import { TOKEN_STATUSES } from '../../../domain/token.ts';
import { html, type SafeHtml } from '../../html.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { TOKEN_STATUS_LABELS } from './console-labels.ts';
import { verificationChart } from './verification-chart.ts';

export interface DashboardView {
  readonly session: BankPageSession;
  readonly figures: DashboardFigures;
  readonly pendingApprovals: number;
  /** 監査ログ from the start of the last 24 hours' first day (JST), as YYYY-MM-DD. */
  readonly auditSince: string;
}

const count = (n: number): string => n.toLocaleString('ja-JP');

function figure(label: string, value: number, id: string, href?: string): SafeHtml {
  const number = href === undefined ? html`${count(value)}` : html`<a href="${href}">${count(value)}</a>`;
  return html`<div class="figure-card" data-figure="${id}"><p class="figure-label">${label}</p><p class="figure-value">${number}</p></div>`;
}

export function dashboardPage(v: DashboardView): SafeHtml {
  const f = v.figures;
  const total = TOKEN_STATUSES.reduce((sum, s) => sum + f.tokensByStatus[s], 0);
  const locks = f.locksNow.adminLogins + f.locksNow.confirmPins + f.locksNow.users;
  const body = html`<section class="panel" aria-labelledby="attention-title">
  <h2 class="panel-title" id="attention-title">対応が必要なもの</h2>
  <div class="figure-grid">
    ${figure('承認待ちの申請', v.pendingApprovals, 'pendingApprovals', '/bank/approvals')}
    ${figure('ロック中（管理者・確認暗証番号・利用者）', locks, 'locksNow')}
    ${figure('ロックによる拒否（24時間）', f.lockRefusalsLast24h, 'lockRefusalsLast24h', `/bank/audit?from=${v.auditSince}`)}
    ${figure('認証失敗（24時間）', f.failuresLast24h, 'failuresLast24h', `/bank/audit?from=${v.auditSince}`)}
    ${figure('90日以内に有効期限切れ', f.tokensExpiringWithin90Days, 'expiringWithin90Days', '/bank/token-list?expiring=90')}
  </div>
  <p class="muted">ロック中の内訳：管理者ログイン ${count(f.locksNow.adminLogins)}件、ご契約先確認暗証番号 ${count(f.locksNow.confirmPins)}件、利用者 ${count(f.locksNow.users)}件（トークンの利用中止は下表）</p>
</section>
<section class="panel" aria-labelledby="tokens-title">
  <h2 class="panel-title" id="tokens-title">トークンの状態（合計 ${count(total)} 本）</h2>
  <div class="table-scroll"><table class="data-table">
    <thead><tr><th scope="col">状態</th><th scope="col">本数</th></tr></thead>
    <tbody>${TOKEN_STATUSES.map((s) => html`<tr data-status="${s}"><th scope="row">${TOKEN_STATUS_LABELS[s]}</th><td class="cell-number"><a href="/bank/token-list?status=${s}">${count(f.tokensByStatus[s])}</a></td></tr>`)}</tbody>
  </table></div>
</section>
<section class="panel" aria-labelledby="chart-section-title">
  <h2 class="panel-title" id="chart-section-title">ワンタイムパスワード検証件数（直近24時間・1時間ごと）</h2>
  ${verificationChart(f.verificationsPerHour)}
</section>`;
  return bankPage({ title: 'ダッシュボード', body, session: v.session, current: 'dashboard' });
}
