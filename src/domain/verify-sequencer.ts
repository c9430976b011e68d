// One contract's accepted codes, committed in batches (hot-verify-ports.ts). A contract's audit chain has one
// head: entries appended one transaction at a time would queue on its lock, each waiting a whole COMMIT for
// the one before. Here the codes of a contract that arrive while its previous batch commits wait in its lane
// and go together: their entries are sealed one after the other on the head, and one statement consumes
// them all, moves the head once and commits once. Lanes of different contracts never wait for each other.
// Several processes each have their lanes; their batches meet at the head row, and a batch sealed on a head
// another process moved first is sealed again on the new one (head_moved) — never forked.

import { sealAuditEvent, type AuditEvent } from './audit.ts';
import type { HotVerifyItem, HotVerifyPort } from './hot-verify-ports.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { AuditHead } from './store-ports.ts';

/** A batch's bound: one statement's work stays short, and a late caller never waits behind a long line. */
export const MAX_BATCH = 64;
/** Calls per batch before its callers are sent to the transaction path (a head that keeps moving, refusals). */
const MAX_CALLS = 6;

/** An accepted code waiting for its batch: its entry is sealed when the batch's order is known. */
export interface SequencedCode extends Omit<HotVerifyItem, 'entry'> {
  readonly atMs: number;
  readonly event: AuditEvent;
}

interface Waiting {
  readonly code: SequencedCode;
  readonly settle: (committed: boolean) => void;
}

interface Lane {
  busy: boolean;
  head: AuditHead | undefined;
  readonly waiting: Waiting[];
}

export interface VerifySequencer {
  /** True once the code is durably consumed with its entry; false: nothing was written, take the transaction path. */
  submit(contractId: string, code: SequencedCode, readHead: AuditHead | undefined): Promise<boolean>;
}

export function createVerifySequencer(port: HotVerifyPort): VerifySequencer {
  const lanes = new Map<string, Lane>();

  async function commitBatch(contractId: string, lane: Lane, batch: Waiting[]): Promise<void> {
    // One item per token: a second code of the same token in one batch (a replay storm) could only be
    // refused inside it; it goes to the transaction path at once, which answers it after this batch.
    const seen = new Set<string>();
    const unique = batch.filter((w) => {
      if (seen.has(w.code.serial)) {
        w.settle(false);
        return false;
      }
      seen.add(w.code.serial);
      return true;
    });
    // Serial order: two batches lock the tokens they share in the same order (no deadlock between them).
    let pending = unique.sort((a, b) => (a.code.serial < b.code.serial ? -1 : a.code.serial > b.code.serial ? 1 : 0));
    for (let call = 0; call < MAX_CALLS && pending.length > 0 && lane.head !== undefined; call++) {
      let head: AuditHead = lane.head;
      const items = pending.map((w) => {
        const entry = sealAuditEvent(port.auditKeys, head, w.code.atMs, w.code.event);
        head = { seq: entry.seq, hash: entry.hash };
        const { atMs: _atMs, event: _event, ...rest } = w.code;
        return { ...rest, entry };
      });
      const outcome = await port.commit({ contractId, status: 'registered', maxFailures: MAX_CONSECUTIVE_OTP_FAILURES, items });
      if (outcome.kind === 'committed') {
        lane.head = head;
        for (const w of pending) w.settle(true);
        return;
      }
      if (outcome.kind === 'head_moved') {
        lane.head = outcome.head;
        continue;
      }
      // That one goes to the transaction path, which gives its answer (replayed, locked, …); the rest again.
      if (pending[outcome.index] === undefined) break; // not an item of this batch: a broken assumption
      pending[outcome.index]?.settle(false);
      pending = pending.filter((_, i) => i !== outcome.index);
    }
    for (const w of pending) w.settle(false);
  }

  async function drain(contractId: string, lane: Lane): Promise<void> {
    lane.busy = true;
    try {
      while (lane.waiting.length > 0) {
        const batch = lane.waiting.splice(0, MAX_BATCH);
        try {
          await commitBatch(contractId, lane, batch);
        } catch {
          // The database failed (not a refusal): these callers try the transaction path, which reports it.
          for (const w of batch) w.settle(false);
        }
      }
    } finally {
      lane.busy = false;
      if (lane.waiting.length === 0) lanes.delete(contractId);
    }
  }

  return {
    submit(contractId, code, readHead) {
      let lane = lanes.get(contractId);
      if (lane === undefined) {
        lane = { busy: false, head: readHead, waiting: [] };
        lanes.set(contractId, lane);
      } else if (readHead !== undefined && (lane.head === undefined || readHead.seq > lane.head.seq)) {
        lane.head = readHead; // a fresher head than the lane's: another process appended meanwhile
      }
      const target = lane;
      return new Promise<boolean>((settle) => {
        target.waiting.push({ code, settle });
        if (!target.busy) void drain(contractId, target);
      });
    },
  };
}
