// シードファイル取込, step 3: the import running in the server. While it runs the page reloads itself every
// 2 seconds (meta refresh, no JavaScript) and shows n / total; then the result, or the importer's refusal.

import { html, type SafeHtml } from '../../html.ts';
import { notice } from '../../views/components.ts';
import type { ImportJob } from '../seed-uploads.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';

export function seedResultPage(session: BankPageSession, job: ImportJob): SafeHtml {
  const total = job.total.toLocaleString('ja-JP');
  const done = job.imported.toLocaleString('ja-JP');
  const running = job.state === 'running';
  const status = running
    ? notice(html`取り込んでいます… <span data-progress>${done} / ${total}件</span>（このページは自動で更新されます）`, 'info')
    : job.state === 'done'
      ? notice(html`<span data-imported="${String(job.imported)}">${done}件</span>のトークンを取り込みました。`)
      : html`<div class="notice notice-warning" role="alert" data-refusal="${job.code ?? 'error'}">取込を中止しました（何も取り込んでいません）：${job.message ?? 'システムエラーが発生しました。'}</div>`;
  const body = html`${status}
<section class="panel">
  <dl class="summary-list">
    <div><dt>ファイル名</dt><dd>${job.fileName}</dd></div>
    <div><dt>進捗</dt><dd><progress max="${String(Math.max(job.total, 1))}" value="${String(job.imported)}" aria-label="取込の進捗">${done} / ${total}</progress> ${done} / ${total}件</dd></div>
  </dl>
  ${running ? html`<p class="note"><a href="/bank/seed-import/jobs/${job.id}">最新の状態を表示</a></p>` : html`<p><a class="back-link" href="/bank/seed-import">シードファイル取込へ戻る</a></p>`}
</section>`;
  return bankPage({ title: 'シードファイル取込（実行）', body, session, current: 'seed-import', ...(running ? { refreshSeconds: 2 } : {}) });
}
