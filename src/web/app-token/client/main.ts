// The app's entry: registers the service worker (offline use), asks for persistent storage (so the browser
// does not evict the keys), syncs the clock with the server and wires the four screens.

import { confirmPending, wireActivateForm } from './activate-view.ts';
import { currentOffsetMs, syncClock, WARN_OFFSET_MS } from './clock.ts';
import { openDeactivate, wireDeactivate } from './deactivate-view.ts';
import { byId, type ScreenName, say, showScreen } from './dom.ts';
import { renderList } from './list-view.ts';
import { leaveSign, openSign, wireSign } from './sign-view.ts';
import { listTokens, type StoredToken } from './token-store.ts';

const CLOCK_SYNC_MS = 10 * 60 * 1000;
let tokens: StoredToken[] = [];

function go(screen: ScreenName): void {
  if (screen !== 'sign') leaveSign();
  showScreen(screen);
}

async function refresh(message = ''): Promise<void> {
  tokens = await listTokens();
  renderList(tokens, {
    sign: (token) => {
      openSign(tokens, token);
      go('sign');
    },
    deactivate: (token) => {
      openDeactivate(token);
      go('deactivate');
    },
  });
  say(byId('list-status'), message, message === '' ? 'info' : 'ok');
  await updateStorageNote();
}

function showClockWarning(): void {
  const seconds = Math.round(Math.abs(currentOffsetMs()) / 1000);
  const warning = byId('time-warning');
  warning.hidden = Math.abs(currentOffsetMs()) <= WARN_OFFSET_MS;
  warning.textContent = `この端末の時計がサーバーの時刻と約${seconds}秒ずれています。パスワードはサーバーの時刻で表示していますが、端末の日付と時刻の設定を確認してください。`;
}

async function updateStorageNote(): Promise<void> {
  const storage = navigator.storage;
  let persisted = true;
  if (tokens.length > 0 && storage?.persist !== undefined) persisted = (await storage.persisted()) || (await storage.persist());
  byId('storage-note').hidden = persisted;
}

async function syncAndWarn(): Promise<void> {
  const online = await syncClock();
  byId('offline-note').hidden = online;
  showClockWarning();
}

/** Tokens left pending by a confirmation that never reached the server are confirmed now, or dropped if refused. */
async function confirmLeftovers(): Promise<void> {
  const pending = tokens.filter((t) => t.state === 'pending');
  if (pending.length === 0) return;
  const messages: string[] = [];
  for (const token of pending) {
    const outcome = await confirmPending(token);
    if (!outcome.ok) messages.push(`${token.label}: ${outcome.message}`);
  }
  await refresh(messages.join(' '));
}

async function start(): Promise<void> {
  byId('add-button').addEventListener('click', () => go('activate'));
  for (const back of document.querySelectorAll<HTMLButtonElement>('[data-back]')) back.addEventListener('click', () => go('list'));
  wireActivateForm((token) => {
    void refresh(`「${token.label}」を追加しました。シリアル番号とワンタイムパスワードを管理者に伝え、ワンタイムパスワード利用登録を依頼してください。`).then(() => go('list'));
  });
  wireSign();
  wireDeactivate((message) => {
    void refresh(message).then(() => go('list'));
  });
  await refresh();
  showClockWarning();
  byId('app-root').dataset['ready'] = 'true';
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch(() => undefined);
  }
  await syncAndWarn();
  await confirmLeftovers();
  window.setInterval(() => void syncAndWarn(), CLOCK_SYNC_MS);
}

void start();
