// Verifies the whole audit log while the system keeps writing: chains are enumerated from the log itself,
// and each chain is read in pages of short transactions that take no lock, so appends go on (writers
// are never blocked for longer than one page's read) and memory stays constant however long the log.

import { createChainCheck, type AuditProblem, type ChainSummary, type CheckpointMark } from './audit-chain-check.ts';
import type { AuditKeys } from './audit-keys.ts';
import type { Store } from './store-ports.ts';

export const AUDIT_PAGE_SIZE = 1000;

export interface AuditVerifyOptions {
  /** Chain positions from signed checkpoints (already checked by readCheckpoint). */
  readonly checkpoints?: readonly CheckpointMark[];
  readonly pageSize?: number;
}

export interface AuditVerifyReport {
  readonly chains: readonly ChainSummary[];
  readonly problems: readonly AuditProblem[];
  readonly entries: number;
}

export async function verifyAuditLog(store: Store, keys: AuditKeys, options: AuditVerifyOptions = {}): Promise<AuditVerifyReport> {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  const marks = options.checkpoints ?? [];
  // A chain a checkpoint names is checked even when the log has no trace of it left.
  const names = new Set(await store.transaction((tx) => tx.audit.loggedChains()));
  for (const m of marks) names.add(m.chain);
  const chains: ChainSummary[] = [];
  for (const chain of [...names].sort()) {
    const head = await store.transaction((tx) => tx.audit.head(chain));
    const check = createChainCheck(chain, keys, head, marks.filter((m) => m.chain === chain));
    let afterSeq = 0;
    for (;;) {
      const page = await store.transaction((tx) => tx.audit.page(chain, afterSeq, pageSize));
      for (const entry of page) check.push(entry);
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) break;
      afterSeq = last.seq;
    }
    chains.push(check.finish());
  }
  return {
    chains,
    problems: chains.flatMap((c) => c.problems),
    entries: chains.reduce((sum, c) => sum + c.entries, 0),
  };
}
