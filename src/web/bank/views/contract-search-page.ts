// 契約先検索: ご契約先ID (prefix) or name (part of it), a page of contracts at a time, each opening 契約先詳細.

import type { ContractList } from '../../../domain/lifecycle/index.ts';
import { html, type SafeHtml } from '../../html.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { OTP_FORM_SHORT_LABELS } from './console-labels.ts';
import { pager } from './pager.ts';

export function contractSearchPage(session: BankPageSession, query: string, list: ContractList): SafeHtml {
  const hasNext = list.page.number * list.page.size < list.total;
  const first = (list.page.number - 1) * list.page.size + 1;
  const body = html`<section class="panel">
  <form method="get" action="/bank/contracts" class="search-form" role="search">
    <div class="field"><label for="f-q">ご契約先ID（前方一致）または契約先名（部分一致）</label>
    <input class="input input-long" id="f-q" name="q" value="${query}" maxlength="100" autocomplete="off" spellcheck="false"></div>
    <button type="submit" class="button button-primary button-compact">検索</button>
  </form>
</section>
<section class="panel" aria-labelledby="result-title">
  <h2 class="panel-title" id="result-title">検索結果（${list.total.toLocaleString('ja-JP')}件${list.total === 0 ? '' : html`中 ${first.toLocaleString('ja-JP')}〜${(first + list.rows.length - 1).toLocaleString('ja-JP')}件目`}）</h2>
  ${list.rows.length === 0 ? html`<p class="empty">該当する契約先はありません。</p>` : html`<div class="table-scroll"><table class="data-table console-table">
    <thead><tr><th scope="col">ご契約先ID</th><th scope="col">契約先名</th><th scope="col">利用形態</th><th scope="col">利用者数</th><th scope="col">トークン数</th></tr></thead>
    <tbody>${list.rows.map(
      (c) => html`<tr data-contract="${c.id}"><td class="cell-serial"><a href="/bank/contracts/${c.id}">${c.id}</a></td><td>${c.name}</td><td>${OTP_FORM_SHORT_LABELS[c.otpForm]}</td><td class="cell-number">${c.userCount}</td><td class="cell-number">${c.tokenCount}</td></tr>`,
    )}</tbody>
  </table></div>`}
  ${pager({ path: '/bank/contracts', params: { q: query }, page: list.page.number, hasNext, label: '検索結果のページ' })}
</section>`;
  return bankPage({ title: '契約先検索', body, session, current: 'contracts', lead: 'ご契約先IDの先頭部分、または契約先名の一部を入力してください。空欄で検索すると全ての契約先を表示します。' });
}
