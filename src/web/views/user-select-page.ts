// 「利用者情報選択」: the contract's users with their token and lock state; from here users are added,
// changed and removed (新規登録, 変更, 登録抹消), locks lifted (利用中止解除), tokens unregistered (登録解除),
// and the OTP usage form set (利用形態設定).

import type { ContractOverview, TokenSummary, UserSummary } from '../../domain/user-overview.ts';
import type { FieldErrors } from '../form.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, fieldError, notice } from './components.ts';
import { FORM_LABELS, LABELS, NO_SERIAL } from './labels.ts';
import { tokenExpiryFlag } from './token-expiry-flag.ts';
import { adminCrumbs, page, type PageSession } from './layout.ts';

export const USER_DONE_KINDS = ['created', 'updated', 'deleted', 'unlocked', 'unregistered'] as const;
export type UserDoneKind = (typeof USER_DONE_KINDS)[number];

const DONE_TEXT: Record<UserDoneKind, string> = {
  created: 'の新規登録が完了しました。',
  updated: 'の変更が完了しました。',
  deleted: 'の登録抹消が完了しました。',
  unlocked: 'の利用中止解除が完了しました。',
  unregistered: 'のトークンの登録解除が完了しました。',
};

export interface UserSelectView {
  readonly overview: ContractOverview;
  readonly errors: FieldErrors;
  readonly selected?: string;
  readonly done?: { readonly kind: UserDoneKind; readonly who: string };
}

function tokenState(token: TokenSummary | null): SafeHtml {
  if (token === null) return html`<span class="status status-none">未登録</span>`;
  return token.locked ? html`<span class="status status-locked">利用中止</span>` : html`<span class="status status-ok">利用中</span>`;
}

function permissions(u: UserSummary): SafeHtml {
  const list = [u.canTransfer ? LABELS.canTransfer : null, u.canPayTax ? LABELS.canPayTax : null].filter((p) => p !== null);
  return list.length === 0 ? html`<span class="muted">なし</span>` : html`${list.map((p) => html`<span class="chip">${p}</span>`)}`;
}

function userRow(u: UserSummary, selected: string | undefined, shared: boolean): SafeHtml {
  const id = `sel-${u.loginId}`;
  return html`<tr data-login-id="${u.loginId}">
  <td class="cell-select"><input type="radio" name="loginId" value="${u.loginId}" id="${id}"${u.loginId === selected ? html` checked` : ''}></td>
  <td class="cell-name"><label for="${id}">${u.name}</label><span class="login-id">${u.loginId}</span></td>
  <td class="cell-serial" data-col="serial">${u.token === null ? NO_SERIAL : u.token.serial}${shared && u.token !== null ? html`<span class="muted">（共通）</span>` : ''}${tokenExpiryFlag(u.token)}</td>
  <td data-col="token-state">${tokenState(u.token)}</td>
  <td data-col="login-state">${u.loginLocked ? html`<span class="status status-locked">利用中止</span>` : html`<span class="status status-ok">利用可能</span>`}</td>
  <td class="cell-permissions">${permissions(u)}</td>
</tr>`;
}

export function userSelectPage(session: PageSession, v: UserSelectView): SafeHtml {
  const o = v.overview;
  const shared = o.otpForm === 'shared';
  const body = html`${v.done === undefined ? '' : notice(html`${v.done.who}${DONE_TEXT[v.done.kind]}`)}
${errorSummary(v.errors, { loginId: '利用者' })}
<section class="panel" aria-labelledby="form-summary-title">
  <div class="panel-head">
    <h2 class="panel-title" id="form-summary-title">ワンタイムパスワード</h2>
    <a class="button button-primary" href="/otp/form">${LABELS.formSetting}</a>
  </div>
  <dl class="summary-list">
    <div><dt>${LABELS.form}</dt><dd data-testid="otp-form">${FORM_LABELS[o.otpForm]}</dd></div>
    ${shared ? html`<div><dt>${LABELS.currentSerial}</dt><dd>${o.sharedToken?.serial ?? NO_SERIAL}${tokenExpiryFlag(o.sharedToken)}</dd></div>` : ''}
  </dl>
</section>
<section class="panel" aria-labelledby="users-title">
  <div class="panel-head">
    <h2 class="panel-title" id="users-title">利用者一覧（${o.users.length}名）</h2>
    <a class="button button-secondary" href="/users/new">${LABELS.newUser}</a>
  </div>
  <form method="get" action="/users/edit" class="user-select-form">
    <fieldset class="fieldset-plain${v.errors.loginId === undefined ? '' : ' has-error'}">
      <legend class="visually-hidden">操作する利用者を選択</legend>
      ${fieldError('loginId', v.errors)}
      ${o.users.length === 0 ? html`<p class="empty">利用者は登録されていません。「新規登録」から登録してください。</p>` : html`<div class="table-scroll" role="region" aria-labelledby="users-title" tabindex="0" id="f-loginId">
      <table class="data-table">
        <thead><tr><th scope="col" class="cell-select">${LABELS.select}</th><th scope="col">${LABELS.userName}<span class="login-id">${LABELS.loginId}</span></th><th scope="col">${LABELS.serial}</th><th scope="col">トークン状態</th><th scope="col">ログイン状態</th><th scope="col">${LABELS.permissions}</th></tr></thead>
        <tbody>${o.users.map((u) => userRow(u, v.selected, shared))}</tbody>
      </table>
      </div>`}
    </fieldset>
    <p class="hint">利用者を選択してから、操作のボタンを押してください。</p>
    <div class="actions actions-wrap">
      <button type="submit" class="button button-secondary" formaction="/users/edit">${LABELS.editUser}</button>
      <button type="submit" class="button button-secondary" formaction="/users/delete">${LABELS.deleteUser}</button>
      <button type="submit" class="button button-secondary" formaction="/users/unlock">${LABELS.unlock}</button>
      <button type="submit" class="button button-secondary" formaction="/users/unregister">${LABELS.unregister}</button>
    </div>
  </form>
</section>
<p class="back-link"><a href="/menu/contract">${LABELS.contractAdmin}へ戻る</a></p>`;
  return page({ title: LABELS.userSelect, body, session, crumbs: adminCrumbs({ label: LABELS.userSelect }) });
}
