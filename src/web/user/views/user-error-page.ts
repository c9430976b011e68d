// The page shown when a user's request cannot be served (a refusal, a bad request, an unknown page): always
// Japanese, never a stack trace, with the way back.

import type { ErrorCode } from '../../../domain/error-codes.ts';
import { html, type SafeHtml } from '../../html.ts';
import { refusalBox } from './refusal.ts';
import { USER_LABELS } from './user-labels.ts';
import { userCrumbs, userPage, type UserPageSession } from './user-layout.ts';

export function userErrorPage(code: ErrorCode, session: UserPageSession | undefined, title = 'お取引をお受けできませんでした'): SafeHtml {
  const back = session === undefined
    ? html`<a class="button button-secondary" href="/user/login">ログイン画面へ</a>`
    : html`<a class="button button-secondary" href="/user/menu">${USER_LABELS.backToMenu}</a>`;
  const body = html`${refusalBox(code)}<div class="actions">${back}</div>`;
  return userPage({ title, body, ...(session === undefined ? {} : { session, crumbs: userCrumbs({ label: title }) }) });
}
