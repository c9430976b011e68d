// 取引認証設定: the bank's policy for signing transfers with the bizotp app, as it is now, and the form that asks
// an approver to change it (transaction-auth-policy-handler.ts says why a change always needs one).

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';
import { choiceField, reasonField } from './choice-field.ts';

export interface TransactionAuthView {
  readonly session: BankPageSession;
  /** The policy in words (describeTransactionAuthPolicy). */
  readonly current: string;
  readonly changedAtMs: number;
  readonly changedBy: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly requested?: boolean;
}

const MODES = [
  { value: 'off', label: '使用しない（ワンタイムパスワードのみ）' },
  { value: 'all', label: 'すべての資金移動で使用する' },
  { value: 'above', label: '次の金額を超える資金移動で使用する' },
] as const;

export function transactionAuthPage(v: TransactionAuthView): SafeHtml {
  const since = v.changedAtMs === 0 ? '初期設定' : `${tokyoDateTime(v.changedAtMs)}（${v.changedBy}）`;
  const body = html`${v.requested === true ? notice('設定変更の承認を依頼しました。承認者が「承認待ち一覧」で承認した時点で変更されます。') : ''}
${errorSummary(v.errors, { mode: '取引認証', thresholdYen: '金額（円）', reason: '理由' })}
<section class="panel">
  <h2 class="panel-title">現在の設定</h2>
  <dl class="summary-list">
    <div><dt>取引認証</dt><dd data-testid="current-policy">${v.current}</dd></div>
    <div><dt>最終変更</dt><dd>${since}</dd></div>
  </dl>
  <p class="note">取引認証は、bizotp アプリのトークンで資金移動（予約を含む）を行う利用者が対象です。ハードウェアトークン、認証アプリ（otpauth）のトークン、税金・各種料金の払込みは、設定にかかわらずワンタイムパスワードで認証します。</p>
</section>
<section class="panel">
  <h2 class="panel-title">設定の変更</h2>
  <form method="post" action="/bank/transaction-auth" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${choiceField('mode', '取引認証', MODES, v.values.mode, v.errors)}
    ${textField({ name: 'thresholdYen', label: '金額（円）', value: v.values.thresholdYen ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 15, hint: '「次の金額を超える資金移動で使用する」のときのみ。半角数字（例：1000000）', size: 'medium' })}
    ${reasonField(v.values.reason, v.errors)}
    <div class="actions"><button type="submit" class="button button-primary">承認を依頼</button></div>
  </form>
</section>`;
  return bankPage({
    title: '取引認証設定',
    body,
    session: v.session,
    current: 'transaction-auth',
    lead: '資金移動の確認画面で、お振込先口座番号と金額にもとづく取引認証番号の入力を求めるかを設定します。変更は他の職員（承認者）の承認を受けてから実行されます。',
  });
}
