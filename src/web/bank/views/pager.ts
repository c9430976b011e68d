// 前へ / 次へ for a list read a page at a time: plain links carrying the same search (no script).

import { html, type SafeHtml } from '../../html.ts';

export interface PagerOptions {
  readonly path: string;
  /** The search's parameters, without `page`. */
  readonly params: Readonly<Record<string, string>>;
  /** 1-based */
  readonly page: number;
  readonly hasNext: boolean;
  readonly label: string;
}

function hrefFor(o: PagerOptions, page: number): string {
  const q = new URLSearchParams(Object.entries(o.params).filter(([, v]) => v !== ''));
  q.set('page', String(page));
  return `${o.path}?${q.toString()}`;
}

export function pager(o: PagerOptions): SafeHtml {
  if (o.page <= 1 && !o.hasNext) return html``;
  return html`<nav class="pager" aria-label="${o.label}">
  ${o.page > 1 ? html`<a class="button button-secondary button-compact" rel="prev" href="${hrefFor(o, o.page - 1)}">前へ</a>` : ''}
  <span class="pager-current">${o.page}ページ目</span>
  ${o.hasNext ? html`<a class="button button-secondary button-compact" rel="next" href="${hrefFor(o, o.page + 1)}">次へ</a>` : ''}
</nav>`;
}

/** `?page=` as a page number, 1 when absent or not a positive whole number. */
export function pageNumberOf(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}
