// 契約先検索: contracts by ご契約先ID prefix or name substring, a page at a time.

import type { DomainDeps } from '../deps.ts';
import type { ContractSummary } from './lifecycle-store-ports.ts';

export interface Page {
  /** 1-based */
  readonly number: number;
  readonly size: number;
}

export const DEFAULT_PAGE: Page = { number: 1, size: 50 };
const MAX_PAGE_SIZE = 200;

export interface ContractList {
  readonly rows: readonly ContractSummary[];
  readonly total: number;
  readonly page: Page;
}

export async function listContracts(deps: DomainDeps, query: string, page: Page = DEFAULT_PAGE): Promise<ContractList> {
  const size = Math.min(Math.max(1, Math.trunc(page.size)), MAX_PAGE_SIZE);
  const number = Math.max(1, Math.trunc(page.number));
  const found = await deps.store.transaction((tx) => tx.lifecycle.searchContracts(query.trim(), size, (number - 1) * size));
  return { rows: found.rows, total: found.total, page: { number, size } };
}
