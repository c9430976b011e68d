// トークン一覧: the tokens behind a dashboard figure (one status, or those expiring within 90 days), a page at
// a time. Like the other read models, no secret is part of a row.

import type { DomainDeps } from '../deps.ts';
import type { TokenStatus } from '../token.ts';
import type { EXPIRY_NOTICE_DAYS } from './dashboard-figures.ts';
import type { TokenListRow } from './lifecycle-store-ports.ts';
import type { Page } from './list-contracts.ts';

const DAY_MS = 86_400_000;
const MAX_PAGE_SIZE = 200;

export type TokenListQuery = { readonly status: TokenStatus } | { readonly expiringWithinDays: typeof EXPIRY_NOTICE_DAYS };

export interface TokenList {
  readonly rows: readonly TokenListRow[];
  readonly total: number;
  readonly page: Page;
}

export async function listTokens(deps: DomainDeps, query: TokenListQuery, page: Page): Promise<TokenList> {
  const size = Math.min(Math.max(1, Math.trunc(page.size)), MAX_PAGE_SIZE);
  const number = Math.max(1, Math.trunc(page.number));
  const nowMs = deps.now();
  // The same range as the dashboard's count (dashboard-figures.ts), so the list has as many rows as the figure.
  const filter = 'status' in query ? ({ kind: 'status', status: query.status } as const) : ({ kind: 'expiring', fromMs: nowMs, untilMs: nowMs + query.expiringWithinDays * DAY_MS } as const);
  const found = await deps.store.transaction((tx) => tx.lifecycle.listTokens(filter, size, (number - 1) * size));
  return { rows: found.rows, total: found.total, page: { number, size } };
}
