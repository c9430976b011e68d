// The screens that confirm one operation on one user with the ご契約先確認暗証番号 and OK: 「登録抹消」,
// 「利用中止解除」 and 「登録解除」.

import type { ContractOverview, UserSummary } from '../../domain/user-overview.ts';
import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { cancelForm, confirmPinField, csrfField, errorSummary, okCancel } from './components.ts';
import { LABELS, NO_SERIAL } from './labels.ts';
import { adminCrumbs, page, type PageSession } from './layout.ts';

export const USER_OPERATIONS = ['delete', 'unlock', 'unregister'] as const;
export type UserOperation = (typeof USER_OPERATIONS)[number];

const SCREENS: Record<UserOperation, { title: string; lead: string }> = {
  delete: { title: `利用者情報${LABELS.deleteUser}`, lead: '次の利用者を登録抹消します。登録されていたトークンの利用登録も終了します。' },
  unlock: { title: LABELS.unlock, lead: '次の利用者の利用中止を解除します。' },
  unregister: { title: `トークンの${LABELS.unregister}`, lead: '次の利用者のワンタイムパスワード利用登録を解除します。' },
};

export interface UserConfirmView {
  readonly operation: UserOperation;
  readonly user: UserSummary;
  readonly overview: ContractOverview;
  readonly errors: FieldErrors;
  /** After a wrong ご契約先確認暗証番号: how many more wrong ones lock it. */
  readonly triesLeft?: number | undefined;
}

export function userConfirmPage(session: PageSession, v: UserConfirmView): SafeHtml {
  const screen = SCREENS[v.operation];
  const u = v.user;
  const sharedWarning =
    v.operation === 'unregister' && v.overview.otpForm === 'shared'
      ? html`<p class="warning">全ての利用者が同じトークンを使用しているため、全ての利用者の利用登録が解除されます。</p>`
      : '';
  const body = html`${errorSummary(v.errors, { confirmPin: LABELS.confirmPin })}
<form method="post" action="/users/${v.operation}" novalidate class="panel">
  ${csrfField(session.csrfToken)}
  <input type="hidden" name="loginId" value="${u.loginId}">
  <p>${screen.lead}</p>
  ${sharedWarning}
  <dl class="summary-list">
    <div><dt>${LABELS.loginId}</dt><dd>${u.loginId}</dd></div>
    <div><dt>${LABELS.userName}</dt><dd>${u.name}</dd></div>
    <div><dt>${LABELS.currentSerial}</dt><dd>${u.token?.serial ?? NO_SERIAL}</dd></div>
    <div><dt>トークン状態</dt><dd>${u.token === null ? '未登録' : u.token.locked ? '利用中止' : '利用中'}</dd></div>
    <div><dt>ログイン状態</dt><dd>${u.loginLocked ? '利用中止' : '利用可能'}</dd></div>
  </dl>
  <div class="confirm-box">${confirmPinField(v.errors, v.triesLeft)}</div>
  ${okCancel('cancel-user-op')}
</form>
${cancelForm('cancel-user-op', '/users')}`;
  return page({ title: screen.title, body, session, crumbs: adminCrumbs({ label: LABELS.userSelect, href: '/users' }, { label: screen.title }) });
}
