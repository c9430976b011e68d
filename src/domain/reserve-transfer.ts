// A 資金移動 whose 振込指定日 is not today, after an accepted authorisation and inside its transaction
// (settle-payment.ts sends it here). A later date becomes a 予約: executed on that date, or on the next
// business day when that is not one (business-day.ts), and counted against that day's limit when it
// executes (execute-reservation.ts); nothing is debited now. A date that has passed since the confirm screen
// (prepared before midnight in Japan, authorised after it) is refused: paying it today would be a date the
// user never chose. Either way the OTP that authorised it stays spent.

import { randomBytes } from 'node:crypto';
import { appendAudit } from './audit.ts';
import type { AuthorisedBy } from './authorised-by.ts';
import { authorisedByDetail } from './authorised-by.ts';
import { executionDayOf } from './business-day.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import type { TransferDetails } from './payment-details.ts';
import { reservationReceiptOf, type ReservationReceipt } from './reservation-receipt.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type Reserved = { readonly ok: true; readonly reservation: ReservationReceipt; readonly alreadyDone: boolean };

export async function reserveTransfer(
  tx: StoreTx,
  who: Actor,
  nowMs: number,
  draft: PaymentDraftRecord,
  details: TransferDetails,
  by: AuthorisedBy,
  random: (size: number) => Buffer = randomBytes,
): Promise<Reserved | Failure<'transfer_date_passed'>> {
  const today = tokyoDate(nowMs);
  const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, {
      chain: draft.contractId,
      ...who,
      action: 'payment.authorise',
      target: draft.loginId,
      outcome,
      detail: { draft: draft.id, kind: draft.kind, amountYen: draft.amountYen.toString(), transferDate: details.transferDate, ...authorisedByDetail(by), ...detail },
    });
  if (details.transferDate <= today) {
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
