// The home screen: every token of this device with its name, serial (grouped for reading aloud), current
// code in large digits and the seconds left until the next, redrawn once a second from the server's time.

import { now } from './clock.ts';
import { byId, el } from './dom.ts';
import { groupSerial, splitCode } from './format.ts';
import { msToNextStep, TOTP_PERIOD_SECONDS, totpCode } from './token-crypto.ts';
import type { StoredToken } from './token-store.ts';

export interface ListActions {
  sign(token: StoredToken): void;
  deactivate(token: StoredToken): void;
}

interface Card {
  readonly token: StoredToken;
  readonly code: HTMLElement;
  readonly seconds: HTMLElement;
  readonly bar: HTMLProgressElement;
}

let cards: Card[] = [];
let timer: number | undefined;

function card(token: StoredToken, actions: ListActions): { item: HTMLLIElement; card: Card } {
  const headingId = `token-${token.serial}`;
  const code = el('p', { class: 'otp', id: `otp-${token.serial}`, 'data-serial': token.serial }, '------');
  const seconds = el('span', { class: 'seconds' }, '');
  const bar = el('progress', { max: String(TOTP_PERIOD_SECONDS), value: '0', 'aria-hidden': 'true' });
  const signButton = el('button', { type: 'button', class: 'secondary' }, '取引認証');
  const deactivateButton = el('button', { type: 'button', class: 'secondary danger' }, '利用解除');
  signButton.addEventListener('click', () => actions.sign(token));
  deactivateButton.addEventListener('click', () => actions.deactivate(token));
  const pending = token.state === 'pending' ? el('p', { class: 'notice' }, 'サーバーへの確認が済んでいません。通信できる場所でアプリを開き直してください。') : null;
  const item = el(
    'li',
    { class: 'token', 'aria-labelledby': headingId },
    el('h2', { id: headingId }, token.label),
    el('dl', { class: 'serial-line' }, el('dt', {}, 'シリアル番号'), el('dd', { class: 'serial', 'data-serial': token.serial }, groupSerial(token.serial))),
    el('p', { class: 'otp-label', id: `otp-label-${token.serial}` }, 'ワンタイムパスワード'),
    code,
    el('p', { class: 'countdown' }, '次のパスワードまで ', seconds, ' 秒'),
    bar,
    pending,
    el('div', { class: 'actions' }, signButton, deactivateButton),
  );
  code.setAttribute('aria-describedby', `otp-label-${token.serial}`);
  return { item, card: { token, code, seconds, bar } };
}

async function tick(): Promise<void> {
  const t = now();
  const left = Math.ceil(msToNextStep(t) / 1000);
  for (const c of cards) {
    const value = await totpCode(c.token.key, t);
    c.code.textContent = splitCode(value);
    c.code.dataset['code'] = value;
    c.seconds.textContent = String(left);
    c.bar.value = left;
  }
}

export function renderList(tokens: readonly StoredToken[], actions: ListActions): void {
  const list = byId<HTMLUListElement>('token-list');
  list.replaceChildren();
  cards = [];
  for (const token of tokens) {
    const made = card(token, actions);
    list.append(made.item);
    cards.push(made.card);
  }
  byId('empty-note').hidden = tokens.length > 0;
  if (timer !== undefined) window.clearInterval(timer);
  void tick();
  timer = window.setInterval(() => void tick(), 1000);
}
