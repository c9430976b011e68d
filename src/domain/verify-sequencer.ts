// Accepted codes committed in batches (hot-verify-ports.ts): PostgreSQL's group commit for the verify API.
// One durable COMMIT costs this machine's PostgreSQL about a millisecond of CPU, whatever it carries, and a
// contract's audit chain has one head: codes committed one by one would pay that millisecond each and queue
// on their contract's head. Here the codes that arrive while a batch commits wait and go together: each
// contract's entries are sealed one after the other on its head, and one statement consumes every code,
// moves each head once and commits once. One batch is in flight per process: with four side by side (by
// contract), batches were four times smaller and PostgreSQL spent more CPU per code (1,300 against 1,600
// verifications per second in bench/verify-in-process.ts, PostgreSQL 0.71 against 0.56 ms per code).
// Several processes each have their batch; their batches meet at the head rows, and a batch sealed on a
// head another process moved first is sealed again on the new one (head_moved) — never forked. A chain with
// no head yet starts where lockHead starts one (NEW_CHAIN): the commit makes its head row, or finds that
// another commit made it first and answers head_moved.

import { sealAuditEvent, type AuditEvent } from './audit.ts';
import type { HotVerifyItem, HotVerifyPort } from './hot-verify-ports.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { AuditHead } from './store-ports.ts';

/** A batch's bound: one statement's work stays short, and a late caller never waits behind a long line. */
export const MAX_BATCH = 64;
/** Calls per batch before its callers are sent to the transaction path (heads that keep moving, refusals). */
const MAX_CALLS = 6;

/** The head lockHead makes for a chain that has none (audit-store-ports.ts): its first entry is seq 1 after ''. */
export const NEW_CHAIN: AuditHead = { seq: 0, hash: '' };

/** An accepted code waiting for its batch: its entry is sealed when the batch's order is known. */
export interface SequencedCode extends Omit<HotVerifyItem, 'entry'> {
  readonly atMs: number;
  readonly event: AuditEvent;
}

interface Waiting {
  readonly contractId: string;
  readonly code: SequencedCode;
  readonly settle: (committed: boolean) => void;
}

export interface VerifySequencer {
  /** True once the code is durably consumed with its entry; false: nothing was written, take the transaction path. */
  submit(contractId: string, code: SequencedCode, readHead: AuditHead | undefined): Promise<boolean>;
}

const bySerial = (a: Waiting, b: Waiting): number => (a.code.serial < b.code.serial ? -1 : a.code.serial > b.code.serial ? 1 : 0);

export function createVerifySequencer(port: HotVerifyPort): VerifySequencer {
  const waiting: Waiting[] = [];
  let busy = false;
  // The newest head known of each chain with codes in flight (read with a code, or left by our last batch).
  const heads = new Map<string, AuditHead>();
  const inFlight = new Map<string, number>();

  function learn(chain: string, head: AuditHead | undefined): void {
    const known = heads.get(chain);
    if (head !== undefined && (known === undefined || head.seq > known.seq)) heads.set(chain, head);
  }

  async function commitBatch(batch: Waiting[]): Promise<void> {
    // One item per token: a second code of the same token in one batch (a replay storm) could only be
    // refused inside it; it goes to the transaction path at once, which answers it after this batch.
    const seen = new Set<string>();
    let pending = batch.filter((w) => {
      if (seen.has(w.code.serial)) {
        w.settle(false);
        return false;
      }
      seen.add(w.code.serial);
      return true;
    });
    // Serial order: two batches lock the tokens they share in the same order (no deadlock between them).
    pending.sort(bySerial);
    for (let call = 0; call < MAX_CALLS && pending.length > 0; call++) {
      const next = new Map<string, AuditHead>();
      const items = pending.map((w) => {
        const on = next.get(w.contractId) ?? heads.get(w.contractId) ?? NEW_CHAIN;
        const entry = sealAuditEvent(port.auditKeys, on, w.code.atMs, w.code.event);
        next.set(w.contractId, { seq: entry.seq, hash: entry.hash });
        const { atMs: _atMs, event: _event, ...rest } = w.code;
        return { ...rest, entry };
      });
      const outcome = await port.commit({ status: 'registered', maxFailures: MAX_CONSECUTIVE_OTP_FAILURES, items });
      if (outcome.kind === 'committed') {
        for (const [chain, head] of next) heads.set(chain, head);
        for (const w of pending) w.settle(true);
        return;
      }
      if (outcome.kind === 'head_moved') {
        if (outcome.head === undefined) break; // a chain that vanished: a broken assumption
        heads.set(outcome.chain, outcome.head);
        continue;
      }
      // That one goes to the transaction path, which gives its answer (replayed, locked, …); the rest again.
      if (pending[outcome.index] === undefined) break; // not an item of this batch: a broken assumption
      pending[outcome.index]?.settle(false);
      pending = pending.filter((_, i) => i !== outcome.index);
    }
    for (const w of pending) w.settle(false);
  }

  async function drain(): Promise<void> {
    busy = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, MAX_BATCH);
        try {
          await commitBatch(batch);
        } catch {
          // The database failed (not a refusal): these callers try the transaction path, which reports it.
          for (const w of batch) w.settle(false);
        } finally {
          for (const w of batch) {
            const left = (inFlight.get(w.contractId) ?? 1) - 1;
            if (left > 0) inFlight.set(w.contractId, left);
            else {
              inFlight.delete(w.contractId);
              heads.delete(w.contractId); // forget a quiet chain: its next code brings a fresh head
            }
          }
        }
      }
    } finally {
      busy = false;
    }
  }

  return {
    submit(contractId, code, readHead) {
      learn(contractId, readHead);
      inFlight.set(contractId, (inFlight.get(contractId) ?? 0) + 1);
      return new Promise<boolean>((settle) => {
        waiting.push({ contractId, code, settle });
        if (!busy) void drain();
      });
    },
  };
}
