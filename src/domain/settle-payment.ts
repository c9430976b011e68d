// What an accepted authorisation does with the money, inside its transaction. A payment of today is paid at
// once: the limits, the debit and the ledger entry (debit-within-limits.ts), counted against today's daily
// limit, and the audit entry. A 資金移動 dated another day is reserved, or refused when its date has passed
// (reserve-transfer.ts). A refusal marks the draft refused; the OTP that authorised it stays spent, because
// it was accepted (an OTP is accepted at most once, ever).

import { appendAudit } from './audit.ts';
import { authorisedByDetail, type AuthorisedBy } from './authorised-by.ts';
import { debitWithinLimits, type SettleFailureCode } from './debit-within-limits.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { describePayment, detailsFromJson } from './payment-details.ts';
import { receiptNumber, receiptOf, type Receipt } from './receipt.ts';
import { reserveTransfer, type Reserved } from './reserve-transfer.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type { AuthorisedBy } from './authorised-by.ts';
export type { SettleFailureCode } from './debit-within-limits.ts';
export type { Reserved } from './reserve-transfer.ts';

export type Paid = { readonly ok: true; readonly receipt: Receipt; readonly alreadyDone: boolean };

export type Settled = Paid | Reserved | Failure<SettleFailureCode | 'transfer_date_passed'>;

export async function settlePayment(tx: StoreTx, who: Actor, nowMs: number, draft: PaymentDraftRecord, by: AuthorisedBy): Promise<Settled> {
  const details = detailsFromJson(draft.kind, draft.details);
  if (details.kind === 'transfer' && details.transferDate !== tokyoDate(nowMs)) return reserveTransfer(tx, who, nowMs, draft, details, by);

  const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, {
      chain: draft.contractId,
      ...who,
      action: 'payment.authorise',
      target: draft.loginId,
      outcome,
      detail: { draft: draft.id, kind: draft.kind, amountYen: draft.amountYen.toString(), ...authorisedByDetail(by), ...detail },
    });
  const debited = await debitWithinLimits(tx, {
    contractId: draft.contractId,
    accountId: draft.accountId,
    draftId: draft.id,
    loginId: draft.loginId,
    kind: draft.kind,
    amountYen: draft.amountYen,
    description: describePayment(details),
    day: tokyoDate(nowMs),
    atMs: nowMs,
  });
  if (!debited.ok) {
    await tx.paymentDrafts.refuse(draft.id, debited.code);
    await audit(debited.code, {});
    return fail(debited.code, 'amount');
  }
  await audit('done', { receiptNo: receiptNumber(debited.entry), account: draft.accountId });
  return { ok: true, receipt: receiptOf(draft, debited.entry), alreadyDone: false };
}
