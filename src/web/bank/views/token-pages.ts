// トークン検索 (by serial, exact) and トークン詳細: status, kind, model, OTP parameters, the contract it was
// issued to, whom it is registered to, expiry, drift, counters and failures (never the secret), last use, and
// its whole history across chains, newest first.

import type { TokenDetail } from '../../../domain/lifecycle/index.ts';
import { tokenExpiry } from '../../../domain/token-expiry.ts';
import { html, type SafeHtml } from '../../html.ts';
import { tokenExpiryFlag } from '../../views/token-expiry-flag.ts';
import { auditTable } from './audit-table.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';
import { TOKEN_KIND_LABELS, TOKEN_MODEL_LABELS } from './console-labels.ts';
import { tokenStatus } from './lock-state.ts';

function searchForm(serial: string, notFound: boolean): SafeHtml {
  return html`<section class="panel">
  <form method="get" action="/bank/tokens" class="search-form" role="search">
    <div class="field${notFound ? ' has-error' : ''}"><label for="f-serial">シリアル番号</label>
    ${notFound ? html`<p class="field-error" id="f-serial-error" data-error-code="token_not_found">該当するトークンはありません。</p>` : ''}
    <input class="input input-medium" id="f-serial" name="serial" value="${serial}" maxlength="32" autocomplete="off" spellcheck="false"${notFound ? html` aria-invalid="true" aria-describedby="f-serial-error"` : ''}></div>
    <button type="submit" class="button button-primary button-compact">検索</button>
  </form>
</section>`;
}

export function tokenSearchPage(session: BankPageSession, serial: string, notFound: boolean): SafeHtml {
  const message = notFound ? html`<div class="error-summary" role="alert"><h2 class="error-summary-title">該当するトークンはありません。</h2><p>シリアル番号「${serial}」のトークンは登録されていません。シリアル番号は全桁を入力してください。</p></div>` : '';
  return bankPage({ title: 'トークン検索', body: html`${message}${searchForm(serial, notFound)}`, session, current: 'tokens', lead: 'トークン裏面のシリアル番号を全桁入力してください（完全一致）。' });
}

const when = (ms: number | null): string => (ms === null ? '-' : tokyoDateTime(ms));

const SOFT_ORIGIN_LABELS = { app: 'アプリで有効化', otpauth: 'QRコードで発行（認証アプリ用）' } as const;
const SOFT_STATE_LABELS = { pending: '有効化待ち', active: '有効化済み' } as const;

/** A software token's origin, activation state and last seen: a phone still in use or a forgotten one. */
function softTokenRows(t: TokenDetail): SafeHtml | string {
  if (t.soft === null) return '';
  return html`<div><dt>発行方法</dt><dd data-soft-origin="${t.soft.origin}">${SOFT_ORIGIN_LABELS[t.soft.origin]}</dd></div>
    <div><dt>有効化</dt><dd data-soft-state="${t.soft.state}">${SOFT_STATE_LABELS[t.soft.state]}${t.soft.activatedAtMs === null ? '' : `（${when(t.soft.activatedAtMs)}）`}</dd></div>
    <div><dt>最終確認</dt><dd data-soft-last-seen>${when(t.soft.lastSeenAtMs)}</dd></div>`;
}

export function tokenDetailPage(session: BankPageSession, t: TokenDetail, nowMs: number): SafeHtml {
  const p = t.params;
  const registeredTo = t.registrations.length === 0 ? '登録なし' : html`<ul class="plain-list">${t.registrations.map(
    (r) => html`<li>${r.loginId === null ? '全利用者（共用）' : html`利用者ID <span class="serial">${r.loginId}</span>`}（<a href="/bank/contracts/${r.contractId}">${r.contractId}</a>、${when(r.registeredAtMs)}登録）</li>`,
  )}</ul>`;
  const body = html`<section class="panel" aria-labelledby="token-title">
  <h2 class="panel-title" id="token-title">シリアル番号 <span class="serial" data-serial>${t.serial}</span></h2>
  <dl class="summary-list">
    <div><dt>状態</dt><dd>${tokenStatus(t.status)}</dd></div>
    <div><dt>種類</dt><dd>${TOKEN_KIND_LABELS[t.kind]}</dd></div>
    <div><dt>機種</dt><dd>${TOKEN_MODEL_LABELS[t.model]}</dd></div>
    <div><dt>方式</dt><dd data-params>${p.type === 'totp' ? `TOTP（時刻同期）・${p.algorithm}・${p.digits}桁・${p.stepSeconds}秒` : `HOTP（イベント同期）・${p.algorithm}・${p.digits}桁`}</dd></div>
    <div><dt>発行先</dt><dd>${t.contractId === null ? '未発行（在庫）' : html`<a href="/bank/contracts/${t.contractId}">${t.contractId}</a>`}</dd></div>
    <div><dt>登録先</dt><dd>${registeredTo}</dd></div>
    <div><dt>有効期限</dt><dd>${t.expiresAtMs === null ? 'なし' : when(t.expiresAtMs).slice(0, 10)}${tokenExpiryFlag({ expiry: tokenExpiry(t.expiresAtMs, nowMs) })}</dd></div>
    <div><dt>時刻ズレ（ステップ）</dt><dd data-drift>${t.drift}</dd></div>
    <div><dt>カウンター</dt><dd>次回 ${String(t.counter)}／最終使用 ${t.lastCounter === null ? '-' : String(t.lastCounter)}</dd></div>
    <div><dt>連続失敗回数</dt><dd data-failures>${t.consecutiveFailures}回</dd></div>
    <div><dt>最終利用</dt><dd>${when(t.lastUsedAtMs)}</dd></div>
    ${softTokenRows(t)}
  </dl>
  <p class="link-row"><a href="/bank/audit?serial=${t.serial}">このトークンの監査ログを検索</a></p>
</section>
<section class="panel" aria-labelledby="history-title"><h2 class="panel-title" id="history-title">履歴（新しい順・${t.history.length}件）</h2>${auditTable(t.history, 'トークンの履歴')}</section>`;
  return bankPage({ title: 'トークン詳細', body, session, current: 'tokens', crumbs: [{ label: 'トークン検索', href: '/bank/tokens' }, { label: 'トークン詳細' }] });
}
