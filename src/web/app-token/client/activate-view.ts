// トークンの追加 (SOFT-TOKEN-SPEC §Activation): a fresh ECDH pair, the server's answer, the key derived
// here and checked against the server's confirmation, stored, then confirmed with the first code. Only
// public keys and that code leave the device.

import { confirmActivation, startActivation } from './api.ts';
import { learnOffset, now } from './clock.ts';
import { toBase64Url } from './b64url.ts';
import { byId, say } from './dom.ts';
import { deriveTokenKey, newKeyPair, OCRA_SUITE, TOTP_DIGITS, TOTP_PERIOD_SECONDS, totpCode } from './token-crypto.ts';
import { deleteToken, putToken, type StoredToken } from './token-store.ts';

const MAX_LABEL = 40;

export type ActivationOutcome = { readonly ok: true; readonly token: StoredToken } | { readonly ok: false; readonly message: string };

const OFFLINE = 'サーバーに接続できません。通信できる場所でもう一度お試しください。';

/** Confirms a stored pending token with its current code; a refusal removes it (the server forgets it too). */
export async function confirmPending(token: StoredToken): Promise<ActivationOutcome> {
  const result = await confirmActivation(token.serial, await totpCode(token.key, now()));
  if (result.kind === 'offline') return { ok: false, message: OFFLINE };
  if (result.kind === 'refused') {
    await deleteToken(token.serial);
    return { ok: false, message: result.message };
  }
  const active: StoredToken = { ...token, state: 'active' };
  await putToken(active);
  return { ok: true, token: active };
}

export async function activate(label: string): Promise<ActivationOutcome> {
  const pair = await newKeyPair();
  const sentAt = Date.now();
  const started = await startActivation(toBase64Url(pair.publicKeyRaw));
  if (started.kind === 'offline') return { ok: false, message: OFFLINE };
  if (started.kind === 'refused') return { ok: false, message: started.message };
  const answer = started.body;
  if (answer.totp?.algorithm !== 'SHA-256' || answer.totp.digits !== TOTP_DIGITS || answer.totp.period !== TOTP_PERIOD_SECONDS || answer.ocraSuite !== OCRA_SUITE) {
    return { ok: false, message: 'このアプリでは使えないトークンの形式です。アプリを最新にしてください。' };
  }
  if (typeof answer.serverTime === 'number') learnOffset(answer.serverTime, sentAt, Date.now());
  let key: CryptoKey;
  try {
    key = await deriveTokenKey(pair.privateKey, pair.publicKeyRaw, answer);
  } catch {
    return { ok: false, message: 'サーバーの確認に失敗しました。トークンは追加していません。もう一度お試しください。' };
  }
  const token: StoredToken = { serial: answer.serial, label, key, createdAt: Date.now(), state: 'pending' };
  await putToken(token);
  return confirmPending(token);
}

export function wireActivateForm(done: (token: StoredToken) => void): void {
  const form = byId<HTMLFormElement>('activate-form');
  const input = byId<HTMLInputElement>('token-label');
  const error = byId('token-label-error');
  const status = byId('activate-status');
  const submit = byId<HTMLButtonElement>('activate-submit');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const label = input.value.trim();
    if (label === '' || label.length > MAX_LABEL) {
      say(error, `トークン名を${MAX_LABEL}文字以内で入力してください。`, 'error');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    say(error, '');
    input.removeAttribute('aria-invalid');
    submit.disabled = true;
    say(status, 'トークンを発行しています…');
    try {
      const outcome = await activate(label);
      if (outcome.ok) {
        say(status, '');
        form.reset();
        done(outcome.token);
      } else {
        say(status, outcome.message, 'error');
      }
    } finally {
      submit.disabled = false;
    }
  });
}
