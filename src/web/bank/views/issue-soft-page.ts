// ソフトウェアトークン発行: the form (ご契約先ID, 理由), the page after issuing (the serial, and 「QRコードを表示」
// while the QR code waits in this session), and the QR code itself, shown once, with the warning that copies
// of it cannot be revoked — only the token can.

import type { FieldErrors } from '../../form.ts';
import { html, trusted, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { reasonField } from './choice-field.ts';

const TITLE = 'ソフトウェアトークン発行';
const LEAD = '標準の認証アプリ（Google Authenticator、Microsoft Authenticator など）をお使いになるお客さま向けに、ソフトウェアトークンを新しく作り、ご契約先へ発行します。QRコードは一度だけ表示されます。';

export interface IssueSoftView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

export function issueSoftPage(v: IssueSoftView): SafeHtml {
  const body = html`${errorSummary(v.errors, { contractId: 'ご契約先ID', reason: '理由' })}
<section class="panel">
  <form method="post" action="/bank/issue-soft" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'contractId', label: 'ご契約先ID', value: v.values.contractId ?? '', errors: v.errors, inputmode: 'numeric', maxlength: 11, hint: '半角数字11桁', size: 'medium' })}
    ${reasonField(v.values.reason, v.errors)}
    <p class="hint">トークンの方式：時刻ベース（TOTP）、SHA1、6桁、30秒。シリアル番号は「2」で始まる14桁が自動で付きます。</p>
    <div class="actions"><button type="submit" class="button button-primary">発行</button></div>
  </form>
</section>`;
  return bankPage({ title: TITLE, body, session: v.session, current: 'issue-soft', lead: LEAD });
}

export interface IssuedSoftView {
  readonly session: BankPageSession;
  readonly serial: string;
  /** True while the QR code waits in this session; false once shown (or never this session's). */
  readonly qrWaiting: boolean;
}

const COPIES_WARNING = html`<div class="warning" data-copies-warning>
  <p>QRコードの写し（画面の撮影、スクリーンショット、印刷、保存した画像）は、<strong>取り消すことができません</strong>。取り消せるのはトークンだけです（トークン失効）。</p>
  <p>お客さまご本人が、その場でご自身の認証アプリで読み取ってください。写しを作らないでください。写しが残った、または第三者に見られたおそれがあるときは、直ちにこのトークンを失効させてください。</p>
</div>`;

export function issuedSoftPage(v: IssuedSoftView): SafeHtml {
  const action = v.qrWaiting
    ? html`<p>お客さまがスマートフォンの認証アプリを用意できたら「QRコードを表示」を押してください。QRコードは<strong>一度だけ</strong>表示されます。</p>
  <form method="post" action="/bank/issue-soft/${v.serial}/qr">${csrfField(v.session.csrfToken)}<div class="actions"><button type="submit" class="button button-primary">QRコードを表示</button></div></form>`
    : html`<p data-qr-gone>このトークンのQRコードは表示済みか、この画面では表示できません。再表示はできません。QRコードを失ったときは、トークンを失効させ、新しく発行してください。</p>`;
  const done = v.qrWaiting
    ? notice(html`ソフトウェアトークン <span data-serial>${v.serial}</span> を発行しました。`)
    : notice(html`ソフトウェアトークン <span data-serial>${v.serial}</span>`, 'info');
  const body = html`${done}
<section class="panel" aria-labelledby="handover-title">
  <h2 class="panel-title" id="handover-title">QRコードの受け渡し</h2>
  ${COPIES_WARNING}
  ${action}
</section>`;
  return bankPage({ title: TITLE, body, session: v.session, current: 'issue-soft' });
}

export interface SoftQrView {
  readonly session: BankPageSession;
  readonly serial: string;
  readonly contractId: string;
  /** SVG markup made by the `qrcode` library from our own URI (never user input). */
  readonly qrSvg: string;
}

export function softQrPage(v: SoftQrView): SafeHtml {
  const body = html`<section class="panel one-time" aria-labelledby="qr-title">
  <h2 class="panel-title" id="qr-title">認証アプリで読み取ってください</h2>
  <div class="enrol-grid">
    <figure class="qr-figure" role="img" aria-label="ソフトウェアトークン ${v.serial} の登録用QRコード" data-soft-qr>${trusted(v.qrSvg)}</figure>
    <dl class="detail-list">
      <dt>シリアル番号</dt><dd data-serial>${v.serial}</dd>
      <dt>ご契約先ID</dt><dd>${v.contractId}</dd>
    </dl>
  </div>
  <p>読み取ると、認証アプリにシリアル番号とワンタイムパスワードが表示されます。管理者さまは「ワンタイムパスワード利用登録」で、このシリアル番号と認証アプリのワンタイムパスワードを入力して登録してください。</p>
  <div class="warning"><p>この画面は<strong>一度だけ</strong>表示されます。再表示はできません（表示と同時に消去されました）。</p></div>
  ${COPIES_WARNING}
  <p><a href="/bank/issue-soft">ソフトウェアトークン発行へ戻る</a></p>
</section>`;
  return bankPage({ title: 'QRコードの表示', body, session: v.session, current: 'issue-soft' });
}
