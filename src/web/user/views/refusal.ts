// A refusal that ends a payment: what happened and what to do, e.g. 「ワンタイムパスワードの利用登録がされて
// いません。管理者にトークンの利用登録を依頼してください。」 (product.md §5: the reason and the remedy).

import type { ErrorCode } from '../../../domain/error-codes.ts';
import { messageFor } from '../../../messages.ja.ts';
import { html, type SafeHtml } from '../../html.ts';

/** Each refusal's heading; the message (messages.ja.ts) says the reason and the remedy. */
const TITLES: Partial<Record<ErrorCode, string>> = {
  not_registered: 'お支払いただけません',
  not_permitted: 'お取引の権限がありません',
  payment_expired: 'お取引の有効時間が過ぎました',
  payment_refused: 'お取引をお受けできませんでした',
  payment_not_found: 'お取引が見つかりません',
  insufficient_funds: 'お取引をお受けできませんでした',
  over_daily_limit: 'お取引をお受けできませんでした',
  over_payment_limit: 'お取引をお受けできませんでした',
  transfer_date_passed: '振込指定日が過ぎています',
  reservation_not_found: '予約が見つかりません',
  reservation_not_cancellable: '予約を取り消しできません',
};

const SEED_NOTE = '※ワンタイムパスワードをご利用開始後は、利用登録していない利用者は、資金移動および税金各種料金払込み（オンライン方式）のお支払が出来ません。';

export function refusalBox(code: ErrorCode): SafeHtml {
  return html`<div class="refusal" role="alert">
  <h2 class="refusal-title">${TITLES[code] ?? 'お取引をお受けできませんでした'}</h2>
  <p class="error-page-message" data-error-code="${code}" data-refusal>${messageFor(code)}</p>
  ${code === 'not_registered' ? html`<p class="note">${SEED_NOTE}</p>` : ''}
</div>`;
}
