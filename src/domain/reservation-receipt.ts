// What the completion screen of a 予約 shows (予約受付 and the day it executes), and what the user's list of
// reservations shows: always read from the stored reservation, never from the request.

import { detailsFromJson, type TransferDetails } from './payment-details.ts';
import type { PaymentOwner } from './prepare-payment.ts';
import type { ReservationRecord, ReservationStatus, StoreTx } from './store-ports.ts';

export interface ReservationReceipt {
  readonly reservationId: string;
  readonly draftId: string;
  readonly loginId: string;
  readonly accountId: number;
  readonly amountYen: bigint;
  readonly details: TransferDetails;
  readonly executeOn: string;
  readonly status: ReservationStatus;
  /** Why an execution failed (an error code); null otherwise. */
  readonly failure: string | null;
  readonly reservedAtMs: number;
}

export function reservationReceiptOf(r: ReservationRecord): ReservationReceipt {
  const details = detailsFromJson('transfer', r.details);
  if (details.kind !== 'transfer') throw new TypeError(`reservation ${r.id} is not a transfer`);
  return {
    reservationId: r.id,
    draftId: r.draftId,
    loginId: r.loginId,
    accountId: r.accountId,
    amountYen: r.amountYen,
    details,
    executeOn: r.executeOn,
    status: r.status,
    failure: r.status === 'failed' ? r.resultCode : null,
    reservedAtMs: r.createdAtMs,
  };
}

/** The reservation an authorised draft of the user's became, if it became one. */
export async function reservationForDraft(tx: StoreTx, owner: PaymentOwner, draftId: string): Promise<ReservationReceipt | undefined> {
  const r = await tx.reservations.forDraft(draftId);
  return r !== undefined && r.contractId === owner.contractId && r.loginId === owner.loginId ? reservationReceiptOf(r) : undefined;
}

/** 予約照会: the user's own reservations, the latest execution date first. */
export async function reservationsOf(tx: StoreTx, owner: PaymentOwner, limit = 100): Promise<ReservationReceipt[]> {
  return (await tx.reservations.listFor(owner.contractId, owner.loginId, limit)).map(reservationReceiptOf);
}

/** One of the user's own reservations (the cancel screen); another user's looks like none. */
export async function ownReservation(tx: StoreTx, owner: PaymentOwner, reservationId: string): Promise<ReservationReceipt | undefined> {
  const r = await tx.reservations.get(reservationId);
  return r !== undefined && r.contractId === owner.contractId && r.loginId === owner.loginId ? reservationReceiptOf(r) : undefined;
}

/** 資金移動予約取消 is possible while reserved and before its execution day (cancel-reservation.ts). */
export function isCancellable(r: Pick<ReservationReceipt, 'status' | 'executeOn'>, today: string): boolean {
  return r.status === 'reserved' && r.executeOn > today;
}
