// Reading one of the user's own payments: for the confirm screen, the completion screen, and to say why a
// draft could not be claimed. A draft of another user or contract looks exactly like one that does not exist
// (ASVS 4.0.3 4.2.1).

import { executionDayOf } from './business-day.ts';
import { fail, type Failure } from './error-codes.ts';
import { authorityFor, type PaymentAuthority } from './payment-authority.ts';
import { detailsFromJson, type PaymentDetails } from './payment-details.ts';
import type { PaymentOwner } from './prepare-payment.ts';
import { receiptOf, type Receipt } from './receipt.ts';
import { reservationForDraft, type ReservationReceipt } from './reservation-receipt.ts';
import { signingChallengeFor, type SigningChallenge } from './signing-challenge.ts';
import type { AccountRecord, PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export type UnclaimableCode = 'payment_not_found' | 'payment_expired' | 'payment_refused';

async function ownDraft(tx: StoreTx, owner: PaymentOwner, draftId: string): Promise<PaymentDraftRecord | undefined> {
  const draft = await tx.paymentDrafts.get(draftId);
  return draft !== undefined && draft.contractId === owner.contractId && draft.loginId === owner.loginId ? draft : undefined;
}

/** A done draft's receipt (a second submission of one payment), or why the draft cannot be authorised. */
export async function explainUnclaimable(
  tx: StoreTx,
  owner: PaymentOwner,
  draftId: string,
  nowMs: number,
): Promise<
  | { readonly ok: true; readonly receipt: Receipt; readonly alreadyDone: true }
  | { readonly ok: true; readonly reservation: ReservationReceipt; readonly alreadyDone: true }
  | Failure<UnclaimableCode>
> {
  const draft = await ownDraft(tx, owner, draftId);
  if (draft === undefined) return fail('payment_not_found');
  if (draft.status === 'done') {
    // An authorised future-dated transfer is a reservation (reserve-transfer.ts), debited later or never.
    const reservation = await reservationForDraft(tx, owner, draft.id);
    if (reservation !== undefined) return { ok: true, reservation, alreadyDone: true };
    const entry = await tx.ledger.forDraft(draft.id);
    // A done draft that is no reservation always has its debit: both are written in the same transaction.
    if (entry === undefined) throw new Error(`payment ${draft.id} is done but has no ledger entry`);
    return { ok: true, receipt: receiptOf(draft, entry), alreadyDone: true };
  }
  if (draft.status === 'refused') return fail('payment_refused');
  return draft.expiresAtMs <= nowMs ? fail('payment_expired') : fail('payment_not_found');
}

export interface ConfirmView {
  readonly draft: PaymentDraftRecord;
  readonly details: PaymentDetails;
  readonly account: AccountRecord;
  /** What the user must enter now: an OTP of `serial`, or the 利用者確認暗証番号. */
  readonly authority: PaymentAuthority;
  /** A transfer dated after today is a reservation: the business day it will execute on; else null. */
  readonly executeOn: string | null;
  /** Under the bank's 取引認証 policy, the challenge to sign with the app instead of an OTP; else null. */
  readonly signing: SigningChallenge | null;
}

export type ConfirmLookup =
  | { readonly kind: 'confirm'; readonly view: ConfirmView }
  | { readonly kind: 'done'; readonly receipt: Receipt | ReservationReceipt }
  | Failure<UnclaimableCode | 'not_registered'>;

/** The confirm screen of a pending draft, shown from what was stored, never from the request. */
export async function confirmViewOf(tx: StoreTx, owner: PaymentOwner, draftId: string, nowMs: number): Promise<ConfirmLookup> {
  const draft = await ownDraft(tx, owner, draftId);
  if (draft === undefined || draft.status !== 'pending' || draft.expiresAtMs <= nowMs) {
    const why = await explainUnclaimable(tx, owner, draftId, nowMs);
    if (!why.ok) return why;
    return { kind: 'done', receipt: 'receipt' in why ? why.receipt : why.reservation };
  }
  const contract = await tx.contracts.get(owner.contractId);
  const account = await tx.accounts.get(draft.accountId);
  if (contract === undefined || account === undefined) return fail('payment_not_found');
  const authority = await authorityFor(tx, contract, owner.loginId);
  if ('ok' in authority) return authority;
  const details = detailsFromJson(draft.kind, draft.details);
  const executeOn = details.kind === 'transfer' && details.transferDate > tokyoDate(nowMs) ? executionDayOf(details.transferDate) : null;
  const signing = authority.kind === 'otp' ? await signingChallengeFor(tx, draft, details, authority.serial) : null;
  return { kind: 'confirm', view: { draft, details, account, authority, executeOn, signing } };
}

/** The completion screen: only for the user's own, done payment. */
export async function receiptFor(tx: StoreTx, owner: PaymentOwner, draftId: string): Promise<Receipt | undefined> {
  const draft = await ownDraft(tx, owner, draftId);
  if (draft === undefined || draft.status !== 'done') return undefined;
  const entry = await tx.ledger.forDraft(draft.id);
  return entry === undefined ? undefined : receiptOf(draft, entry);
}

/** The details of one of the user's own drafts, whatever its state, to fill the input screen for 「修正する」. */
export async function draftForEdit(tx: StoreTx, owner: PaymentOwner, draftId: string): Promise<{ draft: PaymentDraftRecord; details: PaymentDetails } | undefined> {
  const draft = await ownDraft(tx, owner, draftId);
  return draft === undefined ? undefined : { draft, details: detailsFromJson(draft.kind, draft.details) };
}
