// 監査ログ: the search form (契約先ID, 利用者ID, シリアル番号, 職員ID, 操作, 結果, 期間), a page of entries newest
// first, the result of the chain check of every chain on the page, and the CSV export of the same search.

import type { AuditProblem } from '../../../domain/audit-chain-check.ts';
import type { AuditEntry } from '../../../domain/store-ports.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { errorSummary, textField } from '../../views/components.ts';
import type { AuditFields } from '../audit-search-form.ts';
import { auditTable } from './audit-table.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { ACTION_LABELS, OUTCOME_LABELS } from './console-labels.ts';
import { pager } from './pager.ts';

export interface AuditPageView {
  readonly session: BankPageSession;
  readonly fields: AuditFields;
  readonly errors: FieldErrors;
  readonly page: number;
  /** undefined when the search was not run (errors). */
  readonly result?: { readonly entries: readonly AuditEntry[]; readonly hasNext: boolean; readonly problems: readonly AuditProblem[] };
  readonly canExport: boolean;
}

const LABELS = { contractId: 'ご契約先ID', loginId: '利用者ID', serial: 'シリアル番号', staff: '職員ID', action: '操作', outcome: '結果', from: '期間（開始日）', to: '期間（終了日）' };

function select(name: 'action' | 'outcome', label: string, table: Readonly<Record<string, string>>, value: string): SafeHtml {
  const known = Object.hasOwn(table, value) || value === '';
  return html`<div class="field"><label for="f-${name}">${label}</label>
  <select class="input input-medium" id="f-${name}" name="${name}">
    <option value="">すべて</option>
    ${known ? '' : html`<option value="${value}" selected>${value}</option>`}
    ${Object.entries(table).map(([k, l]) => html`<option value="${k}"${k === value ? html` selected` : ''}>${l}（${k}）</option>`)}
  </select></div>`;
}

function chainCheck(problems: readonly AuditProblem[]): SafeHtml {
  if (problems.length === 0) return html`<p class="notice notice-success chain-check" data-chain-check="ok">改ざんは検出されませんでした（表示中の記録先の連鎖を全件検証）。</p>`;
  return html`<div class="error-summary chain-check" role="alert" data-chain-check="problems"><h2 class="error-summary-title">監査ログの連鎖に問題が見つかりました（${problems.length}件）</h2>
  <ul>${problems.map((p) => html`<li><code class="raw-code">${p.chain}#${p.seq}</code> ${p.kind}：${p.message}</li>`)}</ul></div>`;
}

export function auditPage(v: AuditPageView): SafeHtml {
  const f = v.fields;
  const params = Object.fromEntries(Object.entries(f).filter(([, x]) => x !== ''));
  const csvHref = `/bank/audit.csv?${new URLSearchParams(params).toString()}`;
  const text = (name: 'contractId' | 'loginId' | 'serial' | 'staff', maxlength: number) => textField({ name, label: LABELS[name], value: f[name], errors: v.errors, maxlength, size: 'medium' });
  const body = html`${errorSummary(v.errors, LABELS)}
<section class="panel">
  <form method="get" action="/bank/audit" class="audit-form" role="search" novalidate>
    <div class="form-grid">
      ${text('contractId', 11)}${text('loginId', 30)}${text('serial', 32)}${text('staff', 20)}
      ${select('action', LABELS.action, ACTION_LABELS, f.action)}
      ${select('outcome', LABELS.outcome, OUTCOME_LABELS, f.outcome)}
      ${textField({ name: 'from', label: LABELS.from, value: f.from, errors: v.errors, maxlength: 10, size: 'medium', hint: '例：2026-11-01（日本時間）' })}
      ${textField({ name: 'to', label: LABELS.to, value: f.to, errors: v.errors, maxlength: 10, size: 'medium', hint: '例：2026-11-30（この日を含む）' })}
    </div>
    <div class="actions"><button type="submit" class="button button-primary">検索</button><a class="button button-secondary" href="/bank/audit">条件をクリア</a></div>
  </form>
</section>
${v.result === undefined ? '' : html`<section class="panel" aria-labelledby="audit-result-title">
  <h2 class="panel-title" id="audit-result-title">検索結果（新しい順・1ページ100件）</h2>
  ${chainCheck(v.result.problems)}
  ${v.canExport ? html`<p class="link-row"><a class="button button-secondary button-compact" href="${csvHref}" download>CSVでダウンロード（この条件・最新1,000件まで）</a></p>` : ''}
  ${auditTable(v.result.entries, '監査ログの検索結果')}
  ${pager({ path: '/bank/audit', params, page: v.page, hasNext: v.result.hasNext, label: '監査ログのページ' })}
</section>`}`;
  return bankPage({ title: '監査ログ', body, session: v.session, current: 'audit', lead: '条件を入力して検索してください。空欄の条件は問いません。' });
}
