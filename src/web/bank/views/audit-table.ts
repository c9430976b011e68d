// A table of audit entries as the console shows them: time (JST), chain and number, who (in Japanese, with
// the raw actor), what, the target (a serial links to トークン詳細 when it is one), the outcome, and the
// detail (理由 first). Used by 契約先詳細, トークン詳細 and 監査ログ.

import type { AuditEntry } from '../../../domain/store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';
import { tokyoDateTime } from './bank-layout.ts';
import { ACTION_LABELS, actorLabel, OUTCOME_LABELS } from './console-labels.ts';

function coded(label: string | undefined, code: string): SafeHtml {
  return label === undefined ? html`<code class="raw-code">${code}</code>` : html`${label}<span class="raw-code-line"><code class="raw-code">${code}</code></span>`;
}

function detailText(detail: string): string {
  try {
    const parsed = JSON.parse(detail) as unknown;
    if (parsed === null || typeof parsed !== 'object') return '';
    const entries = Object.entries(parsed as Record<string, unknown>);
    const reason = entries.find(([k]) => k === 'reason');
    const rest = entries.filter(([k]) => k !== 'reason').map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    return [reason === undefined ? '' : `理由：${String(reason[1])}`, ...rest].filter((s) => s !== '').join(' / ');
  } catch {
    return detail;
  }
}

export function auditTable(entries: readonly AuditEntry[], caption: string): SafeHtml {
  if (entries.length === 0) return html`<p class="empty">該当する監査ログはありません。</p>`;
  return html`<div class="table-scroll"><table class="data-table audit-table">
  <caption class="visually-hidden">${caption}</caption>
  <thead><tr><th scope="col">日時</th><th scope="col">記録先・番号</th><th scope="col">実行者</th><th scope="col">操作</th><th scope="col">対象</th><th scope="col">結果</th><th scope="col">詳細</th></tr></thead>
  <tbody>${entries.map(
    (e) => html`<tr data-audit="${e.chain}#${e.seq}">
    <td class="cell-nowrap">${tokyoDateTime(e.atMs)}</td>
    <td class="cell-nowrap"><code class="raw-code">${e.chain}#${e.seq}</code></td>
    <td>${actorLabel(e.actor)}${actorLabel(e.actor) === e.actor ? '' : html`<span class="raw-code-line"><code class="raw-code">${e.actor}</code></span>`}</td>
    <td>${coded(ACTION_LABELS[e.action], e.action)}</td>
    <td class="cell-serial">${e.target}</td>
    <td>${coded(OUTCOME_LABELS[e.outcome], e.outcome)}</td>
    <td class="cell-detail">${detailText(e.detail)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}
