// The money part of an authorised payment, inside its transaction: the limits, the debit and the ledger entry
// (debit-within-limits.ts), counted against today's daily limit, and the audit entry. A refusal marks the
// draft refused; the OTP that authorised it stays spent, because it was accepted (an OTP is accepted at most
// once, ever).

import { appendAudit } from './audit.ts';
import { debitWithinLimits, type SettleFailureCode } from './debit-within-limits.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { describePayment, detailsFromJson } from './payment-details.ts';
import { receiptNumber, receiptOf, type Receipt } from './receipt.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type { SettleFailureCode } from './debit-within-limits.ts';

export type Settled = { readonly ok: true; readonly receipt: Receipt; readonly alreadyDone: boolean } | Failure<SettleFailureCode>;

/** How the payment was authorised, for the audit entry: a token's serial, or the 利用者確認暗証番号. */
export type AuthorisedBy = { readonly serial: string } | { readonly userPin: true };

/** The audit detail of how a payment was authorised. */
export function authorisedByDetail(by: AuthorisedBy): Record<string, string | boolean> {
  return 'serial' in by ? { serial: by.serial } : { userPin: true };
}

export async function settlePayment(tx: StoreTx, who: Actor, nowMs: number, draft: PaymentDraftRecord, by: AuthorisedBy): Promise<Settled> {
  const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, {
      chain: draft.contractId,
      ...who,
      action: 'payment.authorise',
      target: draft.loginId,
      outcome,
      detail: { draft: draft.id, kind: draft.kind, amountYen: draft.amountYen.toString(), ...authorisedByDetail(by), ...detail },
    });

  const details = detailsFromJson(draft.kind, draft.details);
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
