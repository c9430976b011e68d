// トークン一覧: the tokens behind a dashboard figure (one status, or those expiring within 90 days), each
// opening トークン詳細 and its contract.

import type { TokenList } from '../../../domain/lifecycle/index.ts';
import { tokenExpiry } from '../../../domain/token-expiry.ts';
import { html, type SafeHtml } from '../../html.ts';
import { tokenExpiryFlag } from '../../views/token-expiry-flag.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';
import { TOKEN_MODEL_LABELS } from './console-labels.ts';
import { tokenStatus } from './lock-state.ts';
import { pager } from './pager.ts';

export interface TokenListView {
  readonly session: BankPageSession;
  /** What the list is, in words: 「状態：在庫」, 「90日以内に有効期限切れ」. */
  readonly heading: string;
  readonly params: Readonly<Record<string, string>>;
  readonly list: TokenList;
  readonly nowMs: number;
}

const when = (ms: number | null): string => (ms === null ? '-' : tokyoDateTime(ms));

export function tokenListPage(v: TokenListView): SafeHtml {
  const { list } = v;
  const hasNext = list.page.number * list.page.size < list.total;
  const body = html`<section class="panel" aria-labelledby="list-title">
  <h2 class="panel-title" id="list-title">${v.heading}（${list.total.toLocaleString('ja-JP')}本）</h2>
  ${list.rows.length === 0 ? html`<p class="empty">該当するトークンはありません。</p>` : html`<div class="table-scroll"><table class="data-table console-table">
    <thead><tr><th scope="col">シリアル番号</th><th scope="col">状態</th><th scope="col">機種</th><th scope="col">発行先</th><th scope="col">有効期限</th><th scope="col">最終利用</th></tr></thead>
    <tbody>${list.rows.map(
      (t) => html`<tr data-serial="${t.serial}"><td class="cell-serial"><a href="/bank/tokens/${t.serial}">${t.serial}</a></td><td>${tokenStatus(t.status)}</td><td>${TOKEN_MODEL_LABELS[t.model]}</td>
      <td class="cell-serial">${t.contractId === null ? '-' : html`<a href="/bank/contracts/${t.contractId}">${t.contractId}</a>`}</td>
      <td>${t.expiresAtMs === null ? '-' : when(t.expiresAtMs).slice(0, 10)}${tokenExpiryFlag({ expiry: tokenExpiry(t.expiresAtMs, v.nowMs) })}</td><td class="cell-nowrap">${when(t.lastUsedAtMs)}</td></tr>`,
    )}</tbody></table></div>`}
  ${pager({ path: '/bank/token-list', params: v.params, page: list.page.number, hasNext, label: 'トークン一覧のページ' })}
</section>`;
  return bankPage({ title: 'トークン一覧', body, session: v.session, current: 'tokens', crumbs: [{ label: 'ダッシュボード', href: '/bank/dashboard' }, { label: 'トークン一覧' }] });
}
