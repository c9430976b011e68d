// ロック解除: ご契約先ID, what to unlock (管理者ログイン, ご契約先確認暗証番号, a user, a token) and a 理由.
// An operator may lift it at once or ask an approver; an approver may only ask another approver.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, fieldError, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';

export interface UnlockView {
  readonly session: BankPageSession;
  readonly canUnlock: boolean;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly done?: 'unlocked' | 'requested';
}

const KINDS = [
  { value: 'admin_login', label: '管理者ログインのロック' },
  { value: 'confirm_pin', label: 'ご契約先確認暗証番号のロック' },
  { value: 'user', label: '利用者のロック（利用者IDを入力）' },
  { value: 'token', label: 'トークンのロック（シリアル番号を入力）' },
] as const;

export function unlockPage(v: UnlockView): SafeHtml {
  const hasKindError = v.errors.kind !== undefined;
  const done = v.done === 'unlocked' ? notice('ロックを解除しました。') : v.done === 'requested' ? notice('承認を依頼しました。承認者が「承認待ち一覧」で処理します。') : '';
  const body = html`${done}
${errorSummary(v.errors, { contractId: 'ご契約先ID', kind: '解除する対象', loginId: '利用者ID', serial: 'シリアル番号', reason: '理由' })}
<section class="panel">
  <form method="post" action="${v.canUnlock ? '/bank/unlock' : '/bank/unlock/request'}" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'contractId', label: 'ご契約先ID', value: v.values.contractId ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 11, hint: '半角数字11桁', size: 'medium' })}
    <fieldset class="fieldset-plain${hasKindError ? ' has-error' : ''}" id="f-kind"${hasKindError ? html` aria-describedby="f-kind-error"` : ''}>
      <legend>解除する対象</legend>
      ${fieldError('kind', v.errors)}
      <div class="choices">${KINDS.map((k) => html`<label class="choice"><input type="radio" name="kind" value="${k.value}"${v.values.kind === k.value ? html` checked` : ''}> <span class="choice-label">${k.label}</span></label>`)}</div>
    </fieldset>
    ${textField({ name: 'loginId', label: '利用者ID', value: v.values.loginId ?? '', errors: v.errors, maxlength: 30, hint: '利用者のロックを解除するときのみ', size: 'medium' })}
    ${textField({ name: 'serial', label: 'シリアル番号', value: v.values.serial ?? '', errors: v.errors, maxlength: 32, hint: 'トークンのロックを解除するときのみ', size: 'medium' })}
    ${textField({ name: 'reason', label: '理由', value: v.values.reason ?? '', errors: v.errors, maxlength: 200, hint: '必須。監査ログに記録されます（例：お客さまからの電話で本人確認済み）', size: 'long' })}
    <div class="actions">
      ${v.canUnlock ? html`<button type="submit" class="button button-primary">ロック解除</button>` : ''}
      <button type="submit" class="button button-secondary" formaction="/bank/unlock/request">承認を依頼</button>
    </div>
  </form>
</section>`;
  return bankPage({ title: 'ロック解除', body, session: v.session, current: 'unlock', lead: 'ロックの種類を選び、理由を入力してください。担当者はその場で解除できます。念のため他の職員の確認を受ける場合は「承認を依頼」を押してください。' });
}
