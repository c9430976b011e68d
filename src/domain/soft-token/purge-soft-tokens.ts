// Removes the app tokens nobody will use: pending ones whose first code never came within
// PENDING_SOFT_TOKEN_TTL_MS, and active ones no administrator registered within UNREGISTERED_SOFT_TOKEN_TTL_MS
// (a phone's abandoned activation must not sit registrable forever). A token a contract ever took is never
// purged. Each removal is its own transaction with its audit entry on the bank's chain; run by the server's
// scheduler (reservation-scheduler.ts) and by `bizotp tokens purge-soft`.

import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import type { SoftTokenPurgeCut } from './soft-token-store-ports.ts';
import { PENDING_SOFT_TOKEN_TTL_MS, UNREGISTERED_SOFT_TOKEN_TTL_MS } from './soft-token-policy.ts';

/** Who purges and why: a staff member with --reason, or the scheduler. */
export interface Purger {
  readonly actor: string;
  readonly ip: string;
  readonly reason: string;
}

export const SCHEDULED_PURGER: Purger = { actor: 'system:scheduler', ip: '', reason: '期限切れの未登録ソフトウェアトークンの自動削除' };

export interface PurgeCounts {
  readonly pending: number;
  readonly active: number;
}

/** One page of candidates per read; the loop goes on until a page comes back short. */
const PAGE = 200;

export function purgeCutAt(nowMs: number): SoftTokenPurgeCut {
  return { pendingCreatedBeforeMs: nowMs - PENDING_SOFT_TOKEN_TTL_MS, activeActivatedBeforeMs: nowMs - UNREGISTERED_SOFT_TOKEN_TTL_MS };
}

export async function purgeSoftTokens(deps: DomainDeps, who: Purger): Promise<PurgeCounts> {
  const counts = { pending: 0, active: 0 };
  const cut = purgeCutAt(deps.now());
  const seen = new Set<string>();
  for (;;) {
    const page = (await deps.store.transaction((tx) => tx.softTokens.purgeable(cut, PAGE))).filter((s) => !seen.has(s.serial));
    for (const candidate of page) {
      seen.add(candidate.serial);
      const purged = await deps.store.transaction(async (tx) => {
        // The token's row lock first: a registration binding it right now commits before the check below
        // reads it, or waits for this transaction to end.
        await tx.lifecycle.lockTokens([candidate.serial]);
        if (!(await tx.softTokens.purge(candidate.serial, cut))) return false;
        await appendAudit(tx, deps.now(), {
          chain: BANK_CHAIN,
          actor: who.actor,
          ip: who.ip,
          action: 'soft_token.purge',
          target: candidate.serial,
          outcome: 'purged',
          detail: { state: candidate.state, createdAtMs: candidate.createdAtMs, activatedAtMs: candidate.activatedAtMs, reason: who.reason },
        });
        return true;
      });
      if (purged) counts[candidate.state] += 1;
    }
    if (page.length < PAGE) return counts;
  }
}
