// The money part of an authorised payment, inside its transaction: the daily limit (a conditional UPDATE of
// the (contract, day) total), the debit (a conditional UPDATE of the balance), the ledger entry and the audit
// entry. A refusal gives back this transaction's reservation and marks the draft refused; the OTP that
// authorised it stays spent, because it was accepted (an OTP is accepted at most once, ever).

import { appendAudit } from './audit.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { limitsOf } from './ledger.ts';
import { describePayment, detailsFromJson } from './payment-details.ts';
import { receiptNumber, receiptOf, type Receipt } from './receipt.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type SettleFailureCode = 'over_payment_limit' | 'over_daily_limit' | 'insufficient_funds';

export type Settled = { readonly ok: true; readonly receipt: Receipt; readonly alreadyDone: boolean } | Failure<SettleFailureCode>;

/** How the payment was authorised, for the audit entry: a token's serial, or the 利用者確認暗証番号. */
export type AuthorisedBy = { readonly serial: string } | { readonly userPin: true };

export async function settlePayment(tx: StoreTx, who: Actor, nowMs: number, draft: PaymentDraftRecord, by: AuthorisedBy): Promise<Settled> {
  const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, {
      chain: draft.contractId,
      ...who,
      action: 'payment.authorise',
      target: draft.loginId,
      outcome,
      detail: { draft: draft.id, kind: draft.kind, amountYen: draft.amountYen.toString(), ...('serial' in by ? { serial: by.serial } : { userPin: true }), ...detail },
    });
  const refuse = async (code: SettleFailureCode): Promise<Failure<SettleFailureCode>> => {
    await tx.paymentDrafts.refuse(draft.id, code);
    await audit(code, {});
    return fail(code, 'amount');
  };

  // The limits may have changed since the confirm screen; they are read, never written, here.
  const limits = await limitsOf(tx, draft.contractId);
  if (draft.amountYen > limits.perPaymentYen) return refuse('over_payment_limit');
  const day = tokyoDate(nowMs);
  if (!(await tx.transferLimits.reserveDaily(draft.contractId, day, draft.amountYen, limits.dailyYen))) return refuse('over_daily_limit');
  const balanceAfterYen = await tx.accounts.debit(draft.accountId, draft.contractId, draft.amountYen);
  if (balanceAfterYen === undefined) {
    // Both rows stay locked by this transaction until it ends, so nobody saw the reservation.
    await tx.transferLimits.releaseDaily(draft.contractId, day, draft.amountYen);
    return refuse('insufficient_funds');
  }
  const details = detailsFromJson(draft.kind, draft.details);
  const entry = await tx.ledger.insert({
    accountId: draft.accountId,
    contractId: draft.contractId,
    draftId: draft.id,
    loginId: draft.loginId,
    kind: draft.kind,
    amountYen: draft.amountYen,
    balanceAfterYen,
    description: describePayment(details),
    atMs: nowMs,
  });
  await audit('done', { receiptNo: receiptNumber(entry), account: draft.accountId });
  return { ok: true, receipt: receiptOf(draft, entry), alreadyDone: false };
}
