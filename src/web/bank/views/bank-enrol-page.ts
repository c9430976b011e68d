// TOTP 登録 at a staff member's first login: the QR code of the otpauth:// URI (server-rendered SVG) and
// the secret in base32 for typing in, then one code to confirm. Shown only to this enrolment session.

import type { FieldErrors } from '../../form.ts';
import { html, trusted, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';

export interface EnrolView {
  readonly session: BankPageSession;
  /** The QR code as SVG markup made by the `qrcode` library from our own URI (never user input). */
  readonly qrSvg: string;
  readonly secretBase32: string;
  readonly errors: FieldErrors;
}

/** Groups of four characters, as authenticator apps show them. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function bankEnrolPage(v: EnrolView): SafeHtml {
  const body = html`${errorSummary(v.errors, { otp: 'ワンタイムパスワード' })}
<section class="panel">
  <h2 class="panel-title">認証アプリの登録</h2>
  <ol class="enrol-steps">
    <li>スマートフォンの認証アプリで、次のQRコードを読み取ってください。</li>
    <li>読み取れない場合は、認証アプリに次の秘密鍵を入力してください（時刻ベース、6桁、30秒）。</li>
    <li>認証アプリに表示されたワンタイムパスワードを入力して「登録」を押してください。</li>
  </ol>
  <div class="enrol-grid">
    <figure class="qr-figure" role="img" aria-label="認証アプリ登録用のQRコード">${trusted(v.qrSvg)}</figure>
    <div>
      <p class="enrol-secret-label" id="secret-label">秘密鍵</p>
      <p class="enrol-secret" aria-labelledby="secret-label" data-secret>${grouped(v.secretBase32)}</p>
      <p class="warning">この秘密鍵はこの画面でのみ表示されます。他の人に見せたり、メモを残したりしないでください。</p>
    </div>
  </div>
  <form method="post" action="/bank/enrol" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'otp', label: 'ワンタイムパスワード', errors: v.errors, inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code', hint: '認証アプリに表示されている半角数字6桁', size: 'short' })}
    <div class="actions"><button type="submit" class="button button-primary">登録</button></div>
  </form>
</section>`;
  return bankPage({ title: 'ワンタイムパスワード認証の登録', body, session: v.session, lead: '初回ログインです。職員ログインに使う認証アプリを登録してください。' });
}
