// 監査ログ検索: the audit trail filtered by contract (chain), user, serial, staff member, action, outcome and
// date range, newest first, a page at a time; with the chain check (audit-chain-check.ts) of every chain the page
// comes from, and the head each was read at, so an export says what it was cut from.

import { createChainCheck, type AuditProblem } from '../audit-chain-check.ts';
import { deriveAuditKeys } from '../audit-keys.ts';
import type { DomainDeps } from '../deps.ts';
import type { AuditEntry, AuditHead } from '../store-ports.ts';
import type { AuditFilter } from './lifecycle-store-ports.ts';

export const MAX_AUDIT_PAGE = 1000;

export interface AuditQuery {
  readonly contractId?: string;
  readonly loginId?: string;
  readonly serial?: string;
  /** The staff member's ID or --operator name, without the `staff:` prefix. */
  readonly staff?: string;
  readonly action?: string;
  readonly outcome?: string;
  readonly sinceMs?: number;
  /** exclusive */
  readonly untilMs?: number;
  readonly limit: number;
  readonly offset: number;
}

export interface AuditSearchResult {
  readonly entries: readonly AuditEntry[];
  /** The head of each chain with an entry in `entries`, read in the same transaction. */
  readonly heads: Readonly<Record<string, AuditHead>>;
  /** Problems found by walking each of those chains whole; empty when they are intact. */
  readonly problems: readonly AuditProblem[];
}

export async function searchAudit(deps: DomainDeps, query: AuditQuery): Promise<AuditSearchResult> {
  const filter: AuditFilter = {
    chain: query.contractId,
    user: query.loginId,
    target: query.serial,
    actor: query.staff === undefined ? undefined : `staff:${query.staff}`,
    action: query.action,
    outcome: query.outcome,
    sinceMs: query.sinceMs,
    untilMs: query.untilMs,
    limit: Math.min(Math.max(1, Math.trunc(query.limit)), MAX_AUDIT_PAGE),
    offset: Math.max(0, Math.trunc(query.offset)),
  };
  return deps.store.transaction(async (tx) => {
    // A store opened without audit keys wrote only unkeyed (SHA-256) entries, which any key checks alike.
    const keys = tx.audit.keys ?? deriveAuditKeys(new Uint8Array(32));
    const entries = await tx.lifecycle.searchAudit(filter);
    const heads: Record<string, AuditHead> = {};
    const problems: AuditProblem[] = [];
    for (const chain of new Set(entries.map((e) => e.chain))) {
      // The head first, then the chain up to it: entries appended meanwhile are not part of this cut.
      const head = (await tx.lifecycle.auditHead(chain)) ?? { seq: 0, hash: '' };
      heads[chain] = head;
      const check = createChainCheck(chain, keys, head);
      for (const e of await tx.audit.entries(chain)) if (e.seq <= head.seq) check.push(e);
      problems.push(...check.finish().problems);
    }
    return { entries, heads, problems };
  });
}
