// トークン発行: tokens from the bank's stock to a contract, one serial or a range, all or nothing; the result
// lists the serials issued, or each serial that could not be, with its status.

import type { UnavailableToken } from '../../../domain/lifecycle/index.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { reasonField } from './choice-field.ts';

const STATUS_LABELS: Readonly<Record<UnavailableToken['status'], string>> = {
  in_stock: '在庫',
  issued: '発行済',
  registered: '利用中',
  locked: '利用中止（ロック）',
  revoked: '失効',
  lost: '紛失',
  unknown: '該当なし',
};

export interface IssueView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly issued?: { readonly contractId: string; readonly serials: readonly string[] };
  readonly unavailable?: readonly UnavailableToken[];
}

function issuedList(issued: NonNullable<IssueView['issued']>): SafeHtml {
  return html`${notice(`ご契約先ID ${issued.contractId} へ ${String(issued.serials.length)} 個のトークンを発行しました。`)}
<section class="panel" aria-labelledby="issued-title"><h2 class="panel-title" id="issued-title">発行したトークン</h2>
<ul class="serial-list" data-issued>${issued.serials.map((s) => html`<li>${s}</li>`)}</ul></section>`;
}

function unavailableTable(rows: readonly UnavailableToken[]): SafeHtml {
  return html`<section class="panel" aria-labelledby="unavailable-title"><h2 class="panel-title" id="unavailable-title">在庫にないトークン（発行は行っていません）</h2>
<div class="table-scroll"><table class="data-table"><thead><tr><th scope="col">シリアル番号</th><th scope="col">状態</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-unavailable="${r.serial}" data-status="${r.status}"><td>${r.serial}</td><td>${STATUS_LABELS[r.status]}</td></tr>`)}</tbody></table></div></section>`;
}

export function issuePage(v: IssueView): SafeHtml {
  const body = html`${v.issued === undefined ? '' : issuedList(v.issued)}
${errorSummary(v.errors, { contractId: 'ご契約先ID', fromSerial: 'シリアル番号（開始）', toSerial: 'シリアル番号（終了）', reason: '理由' })}
${v.unavailable === undefined || v.unavailable.length === 0 ? '' : unavailableTable(v.unavailable)}
<section class="panel">
  <form method="post" action="/bank/issue" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'contractId', label: 'ご契約先ID', value: v.values.contractId ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 11, hint: '半角数字11桁', size: 'medium' })}
    ${textField({ name: 'fromSerial', label: 'シリアル番号（開始）', value: v.values.fromSerial ?? '', errors: v.errors, maxlength: 32, hint: '1個だけ発行するときはこの欄のみ', size: 'medium' })}
    ${textField({ name: 'toSerial', label: 'シリアル番号（終了）', value: v.values.toSerial ?? '', errors: v.errors, maxlength: 32, hint: '任意。範囲で発行するときの最後の番号（開始と同じ桁数）', size: 'medium' })}
    ${reasonField(v.values.reason, v.errors)}
    <div class="actions"><button type="submit" class="button button-primary">発行</button></div>
  </form>
</section>`;
  return bankPage({ title: 'トークン発行', body, session: v.session, current: 'issue', lead: '在庫のトークンをご契約先へ発行します。範囲内に在庫でないトークンが1個でもあれば、1個も発行しません。' });
}
