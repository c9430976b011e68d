// 同期ズレ補正: シリアル番号, two consecutive codes read off the token, a 理由; the result shows the drift before
// and after.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { reasonField } from './choice-field.ts';

export interface ResyncView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly done?: { readonly serial: string; readonly oldDrift: number; readonly newDrift: number };
}

function signed(n: number): string {
  return n > 0 ? `+${String(n)}` : String(n);
}

function result(d: NonNullable<ResyncView['done']>): SafeHtml {
  return html`${notice(`シリアル番号 ${d.serial} の同期ズレを補正しました。`)}
<section class="panel" aria-labelledby="drift-title"><h2 class="panel-title" id="drift-title">補正結果</h2>
<dl class="detail-list"><dt>補正前のズレ</dt><dd data-old-drift="${String(d.oldDrift)}">${signed(d.oldDrift)}</dd>
<dt>補正後のズレ</dt><dd data-new-drift="${String(d.newDrift)}">${signed(d.newDrift)}</dd></dl>
<p class="hint">ズレは時刻型ではステップ数（30秒または60秒単位）です。入力した2つのワンタイムパスワードは使用済みになりました。</p></section>`;
}

export function resyncPage(v: ResyncView): SafeHtml {
  const body = html`${v.done === undefined ? '' : result(v.done)}
${errorSummary(v.errors, { serial: 'シリアル番号', firstCode: '1つ目のワンタイムパスワード', secondCode: '2つ目のワンタイムパスワード', reason: '理由' })}
<section class="panel">
  <form method="post" action="/bank/resync" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'serial', label: 'シリアル番号', value: v.values.serial ?? '', errors: v.errors, maxlength: 32, size: 'medium' })}
    ${textField({ name: 'firstCode', label: '1つ目のワンタイムパスワード', value: '', errors: v.errors, inputmode: 'numeric', maxlength: 8, hint: 'トークンに表示された番号', size: 'short' })}
    ${textField({ name: 'secondCode', label: '2つ目のワンタイムパスワード', value: '', errors: v.errors, inputmode: 'numeric', maxlength: 8, hint: '1つ目の次に表示された番号（続けて2つ）', size: 'short' })}
    ${reasonField(v.values.reason, v.errors)}
    <div class="actions"><button type="submit" class="button button-primary">補正</button></div>
  </form>
</section>`;
  return bankPage({ title: '同期ズレ補正', body, session: v.session, current: 'resync', lead: 'トークンの時計がずれて認証できないときに、続けて表示された2つのワンタイムパスワードから補正します。' });
}
