// Executing one claimed reservation, in ONE transaction: the runner's hold on the row (zero rows = another
// runner took it over after this one's lease ran out, or it is finished), the debit counted against the daily
// limit of the day it executes (debit-within-limits.ts), the status change and the audit entry. A crash rolls
// all of it back: the row stays executing under a lease that runs out, and is claimed again.
// A reservation that cannot execute (balance, limits) is marked failed and audited, and the user's list shows
// why; the OTP that authorised it stays spent.

import { appendAudit } from './audit.ts';
import { debitWithinLimits } from './debit-within-limits.ts';
import type { DomainDeps } from './deps.ts';
import { describePayment, detailsFromJson } from './payment-details.ts';
import { receiptNumber } from './receipt.ts';
import { tokyoDate } from './tokyo-date.ts';

/** Who executes reservations, for the audit log: the bank's own runner, not the user who authorised them. */
export const RESERVATION_RUNNER_ACTOR = 'system:reservations';

export type ExecutionOutcome = 'done' | 'failed' | 'taken_over';

export async function executeReservation(deps: DomainDeps, runnerId: string, reservationId: string): Promise<ExecutionOutcome> {
  return deps.store.transaction(async (tx): Promise<ExecutionOutcome> => {
    const nowMs = deps.now();
    const r = await tx.reservations.hold(reservationId, runnerId);
    if (r === undefined) return 'taken_over';
    const day = tokyoDate(nowMs);
    const audit = (outcome: string, detail: Record<string, string | number>): Promise<unknown> =>
      appendAudit(tx, nowMs, {
        chain: r.contractId,
        actor: RESERVATION_RUNNER_ACTOR,
        ip: '',
        action: 'reservation.execute',
        target: r.loginId,
        outcome,
        detail: { reservation: r.id, draft: r.draftId, amountYen: r.amountYen.toString(), executeOn: r.executeOn, day, runner: runnerId, ...detail },
      });
    const debited = await debitWithinLimits(tx, {
      contractId: r.contractId,
      accountId: r.accountId,
      draftId: r.draftId,
      loginId: r.loginId,
      kind: 'transfer',
      amountYen: r.amountYen,
      description: describePayment(detailsFromJson('transfer', r.details)),
      day,
      atMs: nowMs,
    });
    if (!debited.ok) {
      if (!(await tx.reservations.finish(r.id, runnerId, 'failed', debited.code, nowMs))) throw new Error(`reservation ${r.id}: held but not finished`);
      await audit(debited.code, {});
      return 'failed';
    }
    if (!(await tx.reservations.finish(r.id, runnerId, 'done', 'done', nowMs))) throw new Error(`reservation ${r.id}: held but not finished`);
    await audit('done', { receiptNo: receiptNumber(debited.entry), account: r.accountId });
    return 'done';
  });
}
