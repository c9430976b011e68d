// 利用解除 (device change): the server revokes the token on a current code, then the key is deleted here.
// Without the server (offline, or the server no longer knows the token) the user is told that the server
// still holds it, and may delete it from this device anyway.

import { deactivate } from './api.ts';
import { now } from './clock.ts';
import { byId, say } from './dom.ts';
import { groupSerial } from './format.ts';
import { totpCode } from './token-crypto.ts';
import { deleteToken, type StoredToken } from './token-store.ts';

let current: StoredToken | null = null;

export function openDeactivate(token: StoredToken): void {
  current = token;
  byId('deactivate-name').textContent = token.label;
  byId('deactivate-serial').textContent = groupSerial(token.serial);
  say(byId('deactivate-status'), '');
  byId('deactivate-local').hidden = true;
  byId('deactivate-submit').hidden = false;
}

export function wireDeactivate(done: (message: string) => void): void {
  byId('deactivate-submit').addEventListener('click', async () => {
    const token = current;
    if (token === null) return;
    const status = byId('deactivate-status');
    const result = await deactivate(token.serial, await totpCode(token.key, now()));
    if (result.kind === 'ok') {
      await deleteToken(token.serial);
      done('利用解除しました。このトークンは使えなくなりました。');
      return;
    }
    if (result.kind === 'refused' && result.error === 'otp_replayed') {
      // The current code was already used (e.g. just now on another screen): the next one will do.
      say(status, '現在のワンタイムパスワードは使用済みです。次のワンタイムパスワードに変わってから、もう一度「利用解除する」を押してください。', 'error');
      return;
    }
    const why =
      result.kind === 'offline'
        ? 'サーバーに接続できないため、サーバー側ではこのトークンが有効なままです。'
        : `サーバーで利用解除できませんでした（${result.message}）。サーバー側ではこのトークンが有効なままの場合があります。`;
    say(status, `${why}この端末から削除する場合は「この端末から削除する」を押し、管理者に利用停止を依頼してください。`, 'error');
    byId('deactivate-submit').hidden = true;
    byId('deactivate-local').hidden = false;
    byId('deactivate-local').focus();
  });
  byId('deactivate-local').addEventListener('click', async () => {
    if (current === null) return;
    await deleteToken(current.serial);
    done('この端末からトークンを削除しました。管理者に利用停止を依頼してください。');
  });
}
