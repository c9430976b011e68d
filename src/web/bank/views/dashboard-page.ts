// ダッシュボード: tokens by status, locks and failures of the last 24 hours, tokens expiring within 90 days,
// requests awaiting approval, and verifications per hour.

import type { DashboardFigures } from '../../../domain/staff-store-ports.ts';
import { TOKEN_STATUSES, type TokenStatus } from '../../../domain/token.ts';
import { html, type SafeHtml } from '../../html.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { verificationChart } from './verification-chart.ts';

const STATUS_LABELS: Readonly<Record<TokenStatus, string>> = {
  in_stock: '在庫',
  issued: '発行済（未登録）',
  registered: '利用中',
  locked: '利用中止（ロック）',
  revoked: '失効',
  lost: '紛失',
};

function figure(label: string, value: number, id: string, href?: string): SafeHtml {
  const number = href === undefined ? html`${value.toLocaleString('ja-JP')}` : html`<a href="${href}">${value.toLocaleString('ja-JP')}</a>`;
  return html`<div class="figure-card" data-figure="${id}"><p class="figure-label">${label}</p><p class="figure-value">${number}</p></div>`;
}

export function dashboardPage(session: BankPageSession, f: DashboardFigures): SafeHtml {
  const total = TOKEN_STATUSES.reduce((sum, s) => sum + f.tokensByStatus[s], 0);
  const body = html`<section class="panel" aria-labelledby="attention-title">
  <h2 class="panel-title" id="attention-title">対応が必要なもの</h2>
  <div class="figure-grid">
    ${figure('承認待ちの申請', f.pendingApprovals, 'pendingApprovals', '/bank/approvals')}
    ${figure('ロック発生（24時間）', f.locksLast24h, 'locksLast24h')}
    ${figure('認証失敗（24時間）', f.failuresLast24h, 'failuresLast24h')}
    ${figure('90日以内に有効期限切れ', f.expiringWithin90Days, 'expiringWithin90Days')}
  </div>
</section>
<section class="panel" aria-labelledby="tokens-title">
  <h2 class="panel-title" id="tokens-title">トークンの状態（合計 ${total.toLocaleString('ja-JP')} 本）</h2>
  <div class="table-scroll"><table class="data-table">
    <thead><tr><th scope="col">状態</th><th scope="col">本数</th></tr></thead>
    <tbody>${TOKEN_STATUSES.map((s) => html`<tr data-status="${s}"><th scope="row">${STATUS_LABELS[s]}</th><td class="cell-number">${f.tokensByStatus[s].toLocaleString('ja-JP')}</td></tr>`)}</tbody>
  </table></div>
</section>
<section class="panel" aria-labelledby="chart-section-title">
  <h2 class="panel-title" id="chart-section-title">ワンタイムパスワード検証件数（直近24時間・1時間ごと）</h2>
  ${verificationChart(f.verificationsPerHour)}
</section>`;
  return bankPage({ title: 'ダッシュボード', body, session, current: 'dashboard' });
}
