// The money of a payment inside its transaction, shared by an immediate payment (settle-payment.ts) and an
// executed reservation (execute-reservation.ts): the per-payment limit, the daily limit of `day` (a
// conditional UPDATE of the (contract, day) total), the debit (a conditional UPDATE of the balance) and the
// ledger entry. Nothing is written when it is refused.

import { fail, type Failure } from './error-codes.ts';
import { limitsOf } from './ledger.ts';
import type { LedgerEntryRecord, PaymentKind, StoreTx } from './store-ports.ts';

export type SettleFailureCode = 'over_payment_limit' | 'over_daily_limit' | 'insufficient_funds';

export interface Debit {
  readonly contractId: string;
  readonly accountId: number;
  readonly draftId: string;
  readonly loginId: string;
  readonly kind: PaymentKind;
  readonly amountYen: bigint;
  readonly description: string;
  /** The Japan date whose daily limit the debit counts against. */
  readonly day: string;
  readonly atMs: number;
}

export async function debitWithinLimits(tx: StoreTx, d: Debit): Promise<{ readonly ok: true; readonly entry: LedgerEntryRecord } | Failure<SettleFailureCode>> {
  // The limits may have changed since the confirm screen; they are read, never written, here.
  const limits = await limitsOf(tx, d.contractId);
  if (d.amountYen > limits.perPaymentYen) return fail('over_payment_limit', 'amount');
  if (!(await tx.transferLimits.reserveDaily(d.contractId, d.day, d.amountYen, limits.dailyYen))) return fail('over_daily_limit', 'amount');
  const balanceAfterYen = await tx.accounts.debit(d.accountId, d.contractId, d.amountYen);
  if (balanceAfterYen === undefined) {
    // Both rows stay locked by this transaction until it ends, so nobody saw the reservation.
    await tx.transferLimits.releaseDaily(d.contractId, d.day, d.amountYen);
    return fail('insufficient_funds', 'amount');
  }
  const entry = await tx.ledger.insert({
    accountId: d.accountId,
    contractId: d.contractId,
    draftId: d.draftId,
    loginId: d.loginId,
    kind: d.kind,
    amountYen: d.amountYen,
    balanceAfterYen,
    description: d.description,
    atMs: d.atMs,
  });
  return { ok: true, entry };
}
