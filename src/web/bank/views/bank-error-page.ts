// The console's error page: Japanese, never a stack trace or an internal detail.

import type { ErrorCode } from '../../../domain/error-codes.ts';
import { messageFor } from '../../../messages.ja.ts';
import { html, type SafeHtml } from '../../html.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';

const TITLES: Partial<Record<ErrorCode, string>> = {
  page_not_found: 'ページが見つかりません',
  csrf_invalid: '操作を受け付けられませんでした',
  staff_forbidden: '権限がありません',
  bad_request: '操作を受け付けられませんでした',
  server_error: 'ただいまご利用いただけません',
};

export function bankErrorPage(code: ErrorCode, session: BankPageSession | undefined): SafeHtml {
  const back = session?.loggedIn === true ? html`<a class="button button-secondary" href="/bank">ダッシュボードへ</a>` : html`<a class="button button-secondary" href="/bank/login">ログイン画面へ</a>`;
  const body = html`<section class="panel panel-narrow">
  <p class="error-page-message" data-error-code="${code}">${messageFor(code)}</p>
  <div class="actions">${back}</div>
</section>`;
  return bankPage({ title: TITLES[code] ?? 'エラー', body, ...(session === undefined ? {} : { session }) });
}
