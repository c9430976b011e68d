// Small DOM helpers. Text goes in through textContent only (never innerHTML), so nothing from the server or
// a QR code can become markup.

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`missing #${id}`);
  return found as T;
}

type Child = Node | string | null;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

export type ScreenName = 'list' | 'activate' | 'sign' | 'deactivate';

const TITLES: Record<ScreenName, string> = {
  list: 'ワンタイムパスワード',
  activate: 'トークンの追加',
  sign: '取引認証',
  deactivate: '利用解除',
};

/** One screen at a time; its heading takes focus so that a screen reader announces the new screen. */
export function showScreen(name: ScreenName): void {
  for (const section of document.querySelectorAll<HTMLElement>('[data-screen]')) section.hidden = section.dataset['screen'] !== name;
  document.title = `${TITLES[name]} - ソフトウェアトークン`;
  const heading = document.querySelector<HTMLElement>(`[data-screen="${name}"] h1`);
  heading?.focus();
  window.scrollTo(0, 0);
}

/** A message in a live region; `kind` picks the style (and role=alert for errors). */
export function say(region: HTMLElement, text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  region.textContent = text;
  region.dataset['kind'] = kind;
  region.hidden = text === '';
}
