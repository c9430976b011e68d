// After an accepted authorisation, inside its transaction: a 資金移動 dated today is paid at once
// (settle-payment.ts); one dated later becomes a 予約, executed on its date, or on the next business day when
// that is not one (business-day.ts), and counted against that day's limit when it executes. Nothing is
// debited now. A draft whose date has passed since the confirm screen (prepared before midnight in Japan,
// authorised after it) is refused: paying it today would be a date the user never chose.

import { randomBytes } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { executionDayOf } from './business-day.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { detailsFromJson } from './payment-details.ts';
import { reservationReceiptOf, type ReservationReceipt } from './reservation-receipt.ts';
import { authorisedByDetail, settlePayment, type AuthorisedBy, type Settled } from './settle-payment.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type Reserved = { readonly ok: true; readonly reservation: ReservationReceipt; readonly alreadyDone: boolean };

export type SettledOrReserved = Settled | Reserved | Failure<'transfer_date_passed'>;

export async function settleOrReserve(
  tx: StoreTx,
  who: Actor,
  nowMs: number,
  draft: PaymentDraftRecord,
  by: AuthorisedBy,
  random: (size: number) => Buffer = randomBytes,
): Promise<SettledOrReserved> {
  const details = detailsFromJson(draft.kind, draft.details);
  if (details.kind !== 'transfer') return settlePayment(tx, who, nowMs, draft, by);
  const today = tokyoDate(nowMs);
  if (details.transferDate === today) return settlePayment(tx, who, nowMs, draft, by);

  const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, {
      chain: draft.contractId,
      ...who,
      action: 'payment.authorise',
      target: draft.loginId,
      outcome,
      detail: { draft: draft.id, kind: draft.kind, amountYen: draft.amountYen.toString(), transferDate: details.transferDate, ...authorisedByDetail(by), ...detail },
    });
  if (details.transferDate < today) {
    await tx.paymentDrafts.refuse(draft.id, 'transfer_date_passed');
    await audit('transfer_date_passed', { today });
    return fail('transfer_date_passed', 'transferDate');
  }

  const executeOn = executionDayOf(details.transferDate);
  const reservation = await tx.reservations.insert({
    id: random(16).toString('hex'),
    draftId: draft.id,
    contractId: draft.contractId,
    loginId: draft.loginId,
    accountId: draft.accountId,
    amountYen: draft.amountYen,
    details: draft.details,
    executeOn,
    createdAtMs: nowMs,
  });
  await audit('reserved', { reservation: reservation.id, executeOn, account: draft.accountId });
  return { ok: true, reservation: reservationReceiptOf(reservation), alreadyDone: false };
}
