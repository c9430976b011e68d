// The page shown when a request cannot be served: always Japanese, never a stack trace or an internal detail.

import type { ErrorCode } from '../../domain/error-codes.ts';
import { messageFor } from '../../messages.ja.ts';
import { html, type SafeHtml } from '../html.ts';
import { page, type PageSession } from './layout.ts';

const TITLES: Partial<Record<ErrorCode, string>> = {
  page_not_found: 'ページが見つかりません',
  csrf_invalid: '操作を受け付けられませんでした',
  too_many_requests: 'しばらくお待ちください',
  bad_request: '操作を受け付けられませんでした',
  server_error: 'ただいまご利用いただけません',
};

export function errorPage(code: ErrorCode, session: PageSession | undefined): SafeHtml {
  const back = session === undefined ? html`<a class="button button-secondary" href="/login">ログイン画面へ</a>` : html`<a class="button button-secondary" href="/menu">管理者メニューへ</a>`;
  const body = html`<section class="panel panel-narrow">
  <p class="error-page-message" data-error-code="${code}">${messageFor(code)}</p>
  <div class="actions">${back}</div>
</section>`;
  return page({ title: TITLES[code] ?? 'エラー', body, session });
}
