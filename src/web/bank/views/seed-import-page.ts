// シードファイル取込, steps 1 and 2: the upload form (file, key, 機種, ご契約先ID, 理由) and the 確認 of what
// the file holds — or why the importer refuses it — before 取込実行. The key is a password field that is
// never filled back in, and no page ever shows a secret.

import type { ImportPreview } from '../../../domain/preview-import.ts';
import { TOKEN_MODELS } from '../../../domain/token.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, fieldError, notice, textField } from '../../views/components.ts';
import { bankPage, tokyoDateTime, type BankPageSession } from './bank-layout.ts';

const KEY_KINDS = [
  { value: 'none', label: 'なし（暗号化されていないPSKC、CSV）' },
  { value: 'psk', label: '事前共有鍵（16進数）' },
  { value: 'passphrase', label: 'パスフレーズ（PBKDF2）' },
] as const;

const LABELS = { seedFile: 'シードファイル', keyKind: '鍵の種類', allowPlaintext: '平文のシードファイル（暗号化されていないPSKC、CSV）の取込を許可する', key: '鍵', model: '機種', contractId: 'ご契約先ID', reason: '理由' };

export interface SeedFormView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly maxMiB: number;
}

function radios(name: string, legend: string, choices: readonly { value: string; label: string }[], checked: string, errors: FieldErrors): SafeHtml {
  const hasError = errors[name] !== undefined;
  return html`<fieldset class="fieldset-plain${hasError ? ' has-error' : ''}" id="f-${name}"${hasError ? html` aria-describedby="f-${name}-error"` : ''}>
      <legend>${legend}</legend>
      ${fieldError(name, errors)}
      <div class="choices">${choices.map((k) => html`<label class="choice"><input type="radio" name="${name}" value="${k.value}"${checked === k.value ? html` checked` : ''}> <span class="choice-label">${k.label}</span></label>`)}</div>
    </fieldset>`;
}

export function seedFormPage(v: SeedFormView): SafeHtml {
  const fileError = v.errors.seedFile !== undefined;
  const body = html`${errorSummary(v.errors, LABELS)}
<section class="panel">
  <form method="post" action="/bank/seed-import" enctype="multipart/form-data" novalidate>
    ${csrfField(v.session.csrfToken)}
    <div class="field${fileError ? ' has-error' : ''}">
      <label for="f-seedFile">${LABELS.seedFile}</label>
      <p class="hint" id="f-seedFile-hint">PSKC（RFC 6030）またはCSV。${String(v.maxMiB)}MiBまで（これより大きいファイルはコマンド <code>bizotp tokens import</code> で取り込みます）</p>
      ${fieldError('seedFile', v.errors)}
      <input class="input input-long" id="f-seedFile" name="seedFile" type="file" accept=".pskc,.xml,.csv,text/xml,application/pskc+xml,text/csv" aria-describedby="f-seedFile-hint${fileError ? ' f-seedFile-error' : ''}"${fileError ? html` aria-invalid="true"` : ''}>
    </div>
    ${radios('keyKind', LABELS.keyKind, KEY_KINDS, v.values.keyKind ?? 'none', v.errors)}
    <div class="check"><input type="checkbox" id="f-allowPlaintext" name="allowPlaintext" value="1" aria-describedby="f-allowPlaintext-hint"${v.values.allowPlaintext === '1' ? html` checked` : ''}><label for="f-allowPlaintext">${LABELS.allowPlaintext}</label></div>
    <p class="hint" id="f-allowPlaintext-hint">シークレットが暗号化されていないファイルは、ここで許可したときだけ取り込みます（CSVは常に平文です）。許可しないと、平文のファイルは確認の段階で取込を中止します</p>
    ${textField({ name: 'key', label: LABELS.key, type: 'password', errors: v.errors, maxlength: 1024, hint: '事前共有鍵またはパスフレーズ。画面に表示されず、記録もされません（鍵の種類が「なし」のときは空欄）', size: 'long', autocomplete: 'off' })}
    ${radios('model', LABELS.model, TOKEN_MODELS.map((m) => ({ value: m, label: m })), v.values.model ?? 'hw1', v.errors)}
    ${textField({ name: 'contractId', label: LABELS.contractId, value: v.values.contractId ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 11, hint: '任意。入力すると取り込んだトークンをこのご契約先に発行します（空欄なら在庫）', size: 'medium' })}
    ${textField({ name: 'reason', label: LABELS.reason, value: v.values.reason ?? '', errors: v.errors, maxlength: 200, hint: '必須。監査ログに記録されます（例：2026年12月納品分）', size: 'long' })}
    <div class="actions"><button type="submit" class="button button-primary">確認</button></div>
  </form>
</section>`;
  return bankPage({ title: 'シードファイル取込', body, session: v.session, current: 'seed-import', lead: 'ファイルを選び「確認」を押してください。内容を確認してから取り込みます（この段階では何も取り込みません）。' });
}

export interface SeedPreviewView {
  readonly session: BankPageSession;
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
  readonly model: string;
  readonly contractId: string | null;
  readonly reason: string;
  /** Present when the file can be imported: the id of the waiting upload. */
  readonly uploadId: string | null;
  readonly preview: ImportPreview | null;
  /** The importer's refusal (Japanese) and its code, when the file cannot be imported. */
  readonly refusal: { readonly code: string; readonly message: string } | null;
  readonly expiresAtMs: number;
  /** A key was given: every encrypted value's MAC was checked before decryption. */
  readonly encrypted: boolean;
}

function list(values: readonly (string | number)[]): string {
  return values.length === 0 ? '—' : values.map(String).join('、');
}

function row(label: string, value: SafeHtml | string, test: string): SafeHtml {
  return html`<div><dt>${label}</dt><dd data-preview="${test}">${value}</dd></div>`;
}

function summary(p: ImportPreview, encrypted: boolean): SafeHtml {
  const expiry = p.earliestExpiryMs === null || p.latestExpiryMs === null ? '期限なし' : `${tokyoDateTime(p.earliestExpiryMs)} ～ ${tokyoDateTime(p.latestExpiryMs)}`;
  return html`<dl class="summary-list">
    ${row('件数', `${p.count.toLocaleString('ja-JP')}件`, 'count')}
    ${row('シリアル番号', p.firstSerial === null ? '—' : html`<span class="serial">${p.firstSerial}</span> ～ <span class="serial">${p.lastSerial ?? ''}</span>`, 'serials')}
    ${row('方式・アルゴリズム', list(p.algorithms), 'algorithms')}
    ${row('桁数', list(p.digits.map((d) => `${d}桁`)), 'digits')}
    ${row('時間間隔（TOTP）', list(p.periods.map((s) => `${s}秒`)), 'periods')}
    ${row('有効期限', p.withoutExpiry > 0 && p.withoutExpiry < p.count ? `${expiry}（期限なし ${p.withoutExpiry}件）` : expiry, 'expiry')}
    ${row('ファイル内の重複', 'なし', 'duplicates-in-file')}
    ${row('登録済みのシリアル番号', p.alreadyStoredCount === 0 ? 'なし' : html`<strong>${String(p.alreadyStoredCount)}件</strong>：<span class="serial">${p.alreadyStored.join('、')}</span>${p.alreadyStoredCount > p.alreadyStored.length ? ' ほか' : ''}`, 'duplicates-stored')}
    ${row('改ざん検査（MAC）', encrypted ? '一致（すべての鍵のMACを確認しました）' : '対象外（鍵が暗号化されていないファイル）', 'mac')}
  </dl>`;
}

export function seedPreviewPage(v: SeedPreviewView): SafeHtml {
  const fileRows = html`<dl class="summary-list">
    ${row('ファイル名', v.fileName, 'file')}
    ${row('サイズ', `${v.size.toLocaleString('ja-JP')}バイト`, 'size')}
    ${row('SHA-256', html`<span class="serial">${v.sha256}</span>`, 'sha256')}
    ${row('機種（ファイルに機種がない鍵）', v.model, 'model')}
    ${row('発行先', v.contractId === null ? '在庫' : html`ご契約先ID <span class="serial">${v.contractId}</span>`, 'contract')}
    ${row('理由', v.reason, 'reason')}
  </dl>`;
  const result = v.refusal !== null
    ? html`<div class="notice notice-warning" role="alert" data-refusal="${v.refusal.code}">このファイルは取り込めません（何も取り込んでいません）：${v.refusal.message}</div>`
    : notice('ファイル全体を検査しました。まだ何も取り込んでいません。内容を確認して「取込実行」を押してください。', 'info');
  const actions = v.uploadId === null
    ? html`<p><a class="back-link" href="/bank/seed-import">ファイルを選び直す</a></p>`
    : html`<div class="actions">
    <form method="post" action="/bank/seed-import/${v.uploadId}/commit">${csrfField(v.session.csrfToken)}<button type="submit" class="button button-primary">取込実行</button></form>
    <form method="post" action="/bank/seed-import/${v.uploadId}/cancel">${csrfField(v.session.csrfToken)}<button type="submit" class="button button-secondary">中止</button></form>
  </div>
  <p class="note">このファイルは ${tokyoDateTime(v.expiresAtMs)} まで取込を待ちます。</p>`;
  const body = html`${result}
<section class="panel"><h2 class="panel-title">ファイル</h2>${fileRows}</section>
${v.preview === null ? '' : html`<section class="panel"><h2 class="panel-title">内容</h2>${summary(v.preview, v.encrypted)}</section>`}
${actions}`;
  return bankPage({ title: 'シードファイル取込（確認）', body, session: v.session, current: 'seed-import' });
}
