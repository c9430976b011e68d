// 取引認証: the challenge comes from the QR code on the transfer's confirm screen or from its digits typed
// in; the payee's account and the amount are shown large before anything is computed, and only on the
// user's 「取引認証番号を表示」 is the OCRA response made (SOFT-TOKEN-SPEC §取引認証).

import { type Challenge, challengeFromDigits, challengeFromQr, type ChallengeResult } from './challenge.ts';
import { now } from './clock.ts';
import { byId, el, say } from './dom.ts';
import { formatYen, groupSerial, splitCode } from './format.ts';
import { canScan, scanQr, stopScan } from './qr-scanner.ts';
import { ocraResponse } from './token-crypto.ts';
import type { StoredToken } from './token-store.ts';

let tokens: readonly StoredToken[] = [];
let challenge: Challenge | null = null;

const REFUSALS: Record<'format' | 'mismatch', string> = {
  format: '取引認証用の数字を確認してください（金額に続けて口座番号7桁の数字です）。',
  mismatch: 'QRコードの内容が一致しません。このQRコードでは取引認証できません。',
};

function selectedToken(): StoredToken | undefined {
  const select = byId<HTMLSelectElement>('sign-token');
  return tokens.find((t) => t.serial === select.value) ?? tokens[0];
}

function resetResult(): void {
  challenge = null;
  byId('sign-details').hidden = true;
  byId('sign-response-box').hidden = true;
  byId('sign-response').textContent = '';
}

function show(result: ChallengeResult): void {
  const error = byId('sign-error');
  resetResult();
  if (!result.ok) {
    say(error, REFUSALS[result.reason], 'error');
    return;
  }
  say(error, '');
  challenge = result.challenge;
  byId('sign-account').textContent = challenge.account;
  byId('sign-amount').textContent = `${formatYen(challenge.amount)}円`;
  const extra = byId('sign-extra');
  extra.replaceChildren();
  const rows: [string, string | null][] = [
    ['金融機関', challenge.bank],
    ['支店', challenge.branch],
    ['科目', challenge.accountType],
    ['受取人名', challenge.payeeName],
  ];
  for (const [term, value] of rows) if (value !== null && value !== '') extra.append(el('dt', {}, term), el('dd', {}, value));
  extra.hidden = extra.childElementCount === 0;
  byId('sign-details').hidden = false;
  byId('sign-details-heading').focus();
}

/** Opens the screen for `token` (or the first), with the token choice offered only when there are several. */
export function openSign(all: readonly StoredToken[], token: StoredToken): void {
  tokens = all;
  const select = byId<HTMLSelectElement>('sign-token');
  select.replaceChildren(...all.map((t) => el('option', { value: t.serial }, `${t.label}（${groupSerial(t.serial)}）`)));
  select.value = token.serial;
  byId('sign-token-field').hidden = all.length < 2;
  byId<HTMLInputElement>('sign-digits').value = '';
  say(byId('sign-error'), '');
  resetResult();
  byId('sign-scan').hidden = !canScan();
}

export function leaveSign(): void {
  stopScan(byId<HTMLVideoElement>('sign-video'));
}

export function wireSign(): void {
  byId<HTMLFormElement>('sign-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show(challengeFromDigits(byId<HTMLInputElement>('sign-digits').value));
  });
  byId('sign-scan').addEventListener('click', async () => {
    // The earlier challenge and its response leave the screen while the camera looks, so neither can be
    // taken for the new one.
    resetResult();
    const text = await scanQr(byId<HTMLVideoElement>('sign-video'));
    if (text === null) {
      say(byId('sign-error'), 'カメラを使えません。取引認証用の数字を入力してください。', 'error');
      return;
    }
    const result = challengeFromQr(text);
    // The field then shows the digits the QR code carried, never older typed ones beside another challenge.
    byId<HTMLInputElement>('sign-digits').value = result.ok ? result.challenge.question : '';
    show(result);
  });
  byId('sign-token').addEventListener('change', resetResult);
  byId('sign-compute').addEventListener('click', async () => {
    const token = selectedToken();
    if (challenge === null || token === undefined) return;
    const response = await ocraResponse(token.key, challenge.question, now());
    const output = byId('sign-response');
    output.textContent = splitCode(response);
    output.dataset['code'] = response;
    byId('sign-response-box').hidden = false;
    byId('sign-response-heading').focus();
  });
}
