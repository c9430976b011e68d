// 取引認証 on the confirm screen: the challenge as a QR code and as digits, the payee account and amount it binds,
// and the field for the 8-digit 取引認証番号 the bizotp app computes over it (SOFT-TOKEN-SPEC.md, 取引認証).

import type { SigningChallenge } from '../../../domain/signing-challenge.ts';
import type { FieldErrors } from '../../form.ts';
import { html, trusted, type SafeHtml } from '../../html.ts';
import { textField } from '../../views/components.ts';
import { otpTriesLeft } from '../../views/otp-tries-left.ts';
import { yen } from './format.ts';
import { USER_LABELS } from './user-labels.ts';

export interface SigningBoxView {
  readonly signing: SigningChallenge;
  readonly accountNumber: string;
  readonly amountYen: bigint;
  /** The QR code's SVG markup, made by the `qrcode` package from `signing.qrText`. */
  readonly qrSvg: string;
}

export function signingBox(v: SigningBoxView, errors: FieldErrors, triesLeft?: number): SafeHtml {
  const described = `お振込先口座番号 ${v.accountNumber}、金額 ${yen(v.amountYen)}`;
  return html`<div class="authorise-box signing-box" data-testid="signing-box">
  <h2 class="authorise-title">${USER_LABELS.signature}の入力（取引認証）</h2>
  <ol class="signing-steps">
    <li>bizotp アプリ（シリアル番号 <span class="serial">${v.signing.serial}</span>）の「取引認証」で、次のQRコードを読み取るか、取引認証用の数字を入力してください。</li>
    <li>アプリに表示されたお振込先口座番号と金額が、次の内容と同じことを確かめてください。</li>
    <li>アプリの「取引認証番号を表示」を押し、表示された8桁の${USER_LABELS.signature}を入力して「実行」を押してください。</li>
  </ol>
  <div class="signing-grid">
    <figure class="qr-figure signing-qr" role="img" aria-label="取引認証用のQRコード（${described}）" data-testid="signing-qr">${trusted(v.qrSvg)}</figure>
    <dl class="signing-facts">
      <div><dt>取引認証用の数字</dt><dd class="signing-question" data-testid="signing-question">${v.signing.question}</dd></div>
      <div><dt>お振込先${USER_LABELS.accountNumber}</dt><dd class="amount-large" data-testid="signing-account">${v.accountNumber}</dd></div>
      <div><dt>${USER_LABELS.amount}</dt><dd class="amount-large" data-testid="signing-amount">${yen(v.amountYen)}</dd></div>
    </dl>
  </div>
  <p class="note">QRコードを読み取れない場合は、取引認証用の数字をアプリに入力してください。金額の後ろ7桁がお振込先口座番号です。</p>
  ${textField({ name: 'signature', label: USER_LABELS.signature, errors, inputmode: 'numeric', maxlength: 8, size: 'short', autocomplete: 'off', hint: '半角数字8桁' })}
  ${otpTriesLeft('signature', triesLeft)}
</div>`;
}
