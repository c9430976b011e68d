// bizotp_verify_commit (migration 15) written with the repositories, for SQLite's verify writer
// (sqlite/hot-verify-worker.ts): the same checks, writes and outcomes in one transaction, all or nothing.
// For each item in order (serial order, the lock order of every batch): the key still unrevoked, the code
// consumed by tokens.consumeIfUsable (its token still of that contract); then, in chain order, each head
// still the one its first entry was sealed on (a chain without one gets it, as lockHead makes it); the entries appended, app tokens' 最終確認 and the keys'
// last use touched. A refusal rolls everything back and names the item or the chain (hot-verify-ports.ts).

import type { HotVerifyBatch, HotVerifyOutcome } from '../../domain/hot-verify-ports.ts';
import type { AuditEntry, Store } from '../../domain/store-ports.ts';

/** Thrown inside the transaction so that it rolls back; carries the outcome to answer. */
class NotCommitted extends Error {
  readonly outcome: Exclude<HotVerifyOutcome, { kind: 'committed' }>;
  constructor(outcome: Exclude<HotVerifyOutcome, { kind: 'committed' }>) {
    super(outcome.kind);
    this.outcome = outcome;
  }
}

export async function commitHotBatch(store: Store, batch: HotVerifyBatch): Promise<HotVerifyOutcome> {
  try {
    await store.transaction(async (tx) => {
      const keysActive = new Set<string>(); // a batch's codes mostly come with one key: each is looked up once
      for (const [index, item] of batch.items.entries()) {
        if (!keysActive.has(item.apiKeyHash)) {
          if ((await tx.apiKeys.findActive(item.apiKeyHash)) === undefined) throw new NotCommitted({ kind: 'item_refused', index, reason: 'key_gone' });
          keysActive.add(item.apiKeyHash);
        }
        const consumed = await tx.tokens.consumeIfUsable(item.serial, [batch.status], batch.maxFailures, item.counter, item.drift, item.entry.atMs, item.entry.chain);
        if (!consumed) throw new NotCommitted({ kind: 'item_refused', index, reason: 'token_changed' });
      }
      const firsts = new Map<string, AuditEntry>();
      for (const { entry } of batch.items) if (!firsts.has(entry.chain)) firsts.set(entry.chain, entry);
      for (const chain of [...firsts.keys()].sort()) {
        const first = firsts.get(chain)!;
        const head = await tx.audit.lockHead(chain); // a chain's first entries: its head row is made at seq 0
        if (head?.seq !== first.seq - 1 || head.hash !== first.prevHash) throw new NotCommitted({ kind: 'head_moved', chain, head });
      }
      // Each chain's entries follow one another in item order; append moves the head from each predecessor.
      for (const { entry } of batch.items) await tx.audit.append(entry);
      for (const item of batch.items) {
        if (item.software) await tx.softTokens.touch(item.serial, item.entry.atMs);
        if (item.touch !== null) await tx.apiKeys.touch(item.apiKeyHash, item.touch.atMs, item.touch.atMs - item.touch.beforeMs);
      }
    });
    return { kind: 'committed' };
  } catch (error) {
    if (error instanceof NotCommitted) return error.outcome;
    throw error;
  }
}
