// 承認待ち一覧: requests awaiting a second staff member, and the latest decided ones. An approver sees
// 承認 and 否認 on others' pending requests (each with its 理由); the requester of an executed action that
// produced a one-time value sees a button that shows it once.

import type { ApprovalHandlers } from '../../../domain/approval-handlers.ts';
import { messageFor } from '../../../messages.ja.ts';
import type { ErrorCode } from '../../../domain/error-codes.ts';
import type { ApprovalRecord } from '../../../domain/staff-store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, notice } from '../../views/components.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';

export interface ApprovalsView {
  readonly session: BankPageSession;
  readonly requests: readonly ApprovalRecord[];
  readonly handlers: ApprovalHandlers;
  readonly nowMs: number;
  readonly canDecide: boolean;
  readonly message?: { readonly kind: 'success' | 'error'; readonly text: string; readonly code?: ErrorCode };
  /** A one-time value just taken, shown on this response only. */
  readonly oneTime?: { readonly requestId: string; readonly secret: string };
}

const STATUS_LABELS: Readonly<Record<ApprovalRecord['status'] | 'lapsed', string>> = {
  pending: '承認待ち',
  executed: '承認・実行済',
  failed: '承認・実行不可',
  denied: '否認',
  expired: '期限切れ',
  lapsed: '期限切れ',
};

function describe(r: ApprovalRecord, handlers: ApprovalHandlers): string {
  const handler = handlers[r.action];
  const params = handler?.parse(JSON.parse(r.params));
  return handler === undefined || params === undefined ? r.action : `${handler.label}：${handler.describe(params)}`;
}

function decisionForms(r: ApprovalRecord, v: ApprovalsView): SafeHtml {
  if (!v.canDecide || r.status !== 'pending' || r.expiresAtMs <= v.nowMs) return html``;
  if (r.requestedBy === v.session.staffId) return html`<p class="muted">ご自身の申請です（他の承認者が処理します）</p>`;
  // One 理由 and one fresh ワンタイムパスワード for either decision: 否認 submits the same form to its own address (formaction).
  return html`<form method="post" action="/bank/approvals/${r.id}/approve" class="decision-form">${csrfField(v.session.csrfToken)}
<label class="inline-label" for="reason-${r.id}">理由</label><input class="input input-decision" id="reason-${r.id}" name="reason" maxlength="200" autocomplete="off">
<label class="inline-label" for="otp-${r.id}">ワンタイムパスワード</label><input class="input input-decision-otp" id="otp-${r.id}" name="otp" maxlength="6" inputmode="numeric" autocomplete="one-time-code">
<button type="submit" class="button button-primary button-compact">承認</button>
<button type="submit" class="button button-secondary button-compact" formaction="/bank/approvals/${r.id}/deny">否認</button></form>`;
}

function resultForm(r: ApprovalRecord, v: ApprovalsView): SafeHtml {
  if (r.result === null || r.requestedBy !== v.session.staffId) return html``;
  if (r.action === 'reset_credential') {
    return html`<form method="post" action="/bank/credential-reset/${r.id}/show" class="decision-form">${csrfField(v.session.csrfToken)}<button type="submit" class="button button-primary button-compact">初期暗証番号の表示（一度だけ）</button></form>`;
  }
  return html`<form method="post" action="/bank/approvals/${r.id}/result" class="decision-form">${csrfField(v.session.csrfToken)}<button type="submit" class="button button-secondary button-compact">結果を表示（一度だけ）</button></form>`;
}

export function approvalsPage(v: ApprovalsView): SafeHtml {
  const rows = v.requests.map((r) => {
    const status = r.status === 'pending' && r.expiresAtMs <= v.nowMs ? 'lapsed' : r.status;
    return html`<tr data-request="${r.id}" data-status="${status}">
  <td>${tokyoDateTime(r.requestedAtMs)}${r.status === 'pending' ? html`<br><span class="muted">期限 ${tokyoDateTime(r.expiresAtMs)}</span>` : ''}</td>
  <td>${r.requestedBy}</td>
  <td>${describe(r, v.handlers)}</td>
  <td>${r.reason}</td>
  <td><span class="status ${status === 'pending' ? 'status-none' : status === 'executed' ? 'status-ok' : 'status-locked'}">${STATUS_LABELS[status]}</span>${r.decidedBy === null ? '' : html`<br><span class="muted">${r.decidedBy}${r.decisionReason === null ? '' : html`：${r.decisionReason}`}</span>`}</td>
  <td>${decisionForms(r, v)}${resultForm(r, v)}</td>
</tr>`;
  });
  const message = v.message === undefined ? '' : v.message.kind === 'success' ? notice(v.message.text) : html`<div class="error-summary" role="alert"><h2 class="error-summary-title" data-error-code="${v.message.code ?? 'bad_request'}" data-form-error>${v.message.code === undefined ? v.message.text : messageFor(v.message.code)}</h2></div>`;
  const oneTime = v.oneTime === undefined ? '' : html`<section class="panel one-time" aria-labelledby="one-time-title"><h2 class="panel-title" id="one-time-title">一度だけ表示される値</h2><p class="enrol-secret" data-one-time>${v.oneTime.secret}</p><p class="warning">この値は再表示できません。</p></section>`;
  const body = html`${message}${oneTime}
<section class="panel">
  ${v.requests.length === 0 ? html`<p class="empty">申請はありません。</p>` : html`<div class="table-scroll"><table class="data-table">
    <thead><tr><th scope="col">申請日時</th><th scope="col">申請者</th><th scope="col">内容</th><th scope="col">理由</th><th scope="col">状態</th><th scope="col">操作</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`}
</section>`;
  return bankPage({ title: '承認待ち一覧', body, session: v.session, current: 'approvals', lead: '承認・否認には理由と、認証アプリの新しいワンタイムパスワードが必要です。申請は24時間で期限切れになります。ご自身の申請は承認できません。' });
}
