// ③ 完了: the 受付番号 and what was paid, with the balance after the debit.

import type { Receipt } from '../../../domain/receipt.ts';
import { html, type SafeHtml } from '../../html.ts';
import { notice } from '../../views/components.ts';
import { japaneseDateTime, yen } from './format.ts';
import { paymentSummary, paymentTitle } from './payment-summary.ts';
import { USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

export function paymentReceiptPage(session: UserPageSession, r: Receipt): SafeHtml {
  const title = `${paymentTitle(r.kind)}（完了）`;
  const body = html`${notice(r.kind === 'transfer' ? 'お振込みを受け付けました。' : 'お支払を受け付けました。', 'success')}
<section class="panel">
  <dl class="summary-list">
    <div><dt>${USER_LABELS.receiptNo}</dt><dd><span class="receipt-no" data-testid="receipt-no">${r.receiptNo}</span></dd></div>
    <div><dt>受付日時</dt><dd>${japaneseDateTime(r.settledAtMs)}</dd></div>
  </dl>
  ${paymentSummary(r.details, r.amountYen, undefined)}
  <dl class="summary-list"><div><dt>お支払後の残高</dt><dd class="amount" data-testid="balance-after">${yen(r.balanceAfterYen)}</dd></div></dl>
</section>
<div class="actions"><a class="button button-primary" href="/user/menu">${USER_LABELS.backToMenu}</a></div>`;
  return userPage({ title, body, session, step: '完了', crumbs: userCrumbs({ label: title }) });
}
