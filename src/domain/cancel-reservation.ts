// 資金移動予約取消: the user cancels one of their reservations with a fresh OTP of the token that applies to
// them, in ONE transaction: reserved → cancelled (a conditional UPDATE, only before its execution day, so it
// never races the runner, which claims only due ones), the OTP through the one path that spends codes
// (useTokenCode), and the audit entry. A refused OTP undoes the cancel but its failure count commits
// (RFC 4226 §7.3), as for a payment.

import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { authorityFor, paymentRefusalOf, type PaymentOtpRefusal } from './payment-authority.ts';
import type { PaymentOwner } from './prepare-payment.ts';
import { isCancellable, ownReservation, reservationReceiptOf, type ReservationReceipt } from './reservation-receipt.ts';
import type { StoreTx } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';
import { useTokenCode } from './use-token.ts';

export interface CancelReservationRequest extends PaymentOwner {
  readonly reservationId: string;
  readonly otp: string;
}

export type CancelOutcome =
  | { readonly ok: true; readonly reservation: ReservationReceipt }
  | Failure<'reservation_not_found' | 'reservation_not_cancellable' | PaymentOtpRefusal>;

const ACTION = 'reservation.cancel';

export async function cancelReservation(deps: DomainDeps, who: Actor, req: CancelReservationRequest): Promise<CancelOutcome> {
  return deps.store.transaction(async (tx): Promise<CancelOutcome> => {
    const nowMs = deps.now();
    const audit = (outcome: string, detail: Record<string, string | number | boolean>): Promise<unknown> =>
      appendAudit(tx, nowMs, { chain: req.contractId, ...who, action: ACTION, target: req.loginId, outcome, detail: { reservation: req.reservationId, ...detail } });

    const cancelled = await tx.reservations.cancel(req.reservationId, req.contractId, req.loginId, tokyoDate(nowMs), nowMs);
    if (cancelled === undefined) {
      const found = await tx.reservations.get(req.reservationId);
      // Another user's reservation looks exactly like one that does not exist (ASVS 4.0.3 4.2.1).
      const code = found === undefined || found.contractId !== req.contractId || found.loginId !== req.loginId ? 'reservation_not_found' : 'reservation_not_cancellable';
      await audit(code, found === undefined ? {} : { status: found.status });
      return fail(code);
    }
    const refuse = async <F extends Failure>(failure: F, detail: Record<string, string | boolean> = {}): Promise<F> => {
      await tx.reservations.uncancel(cancelled.id);
      await audit(failure.code, detail);
      return failure;
    };
    const contract = await tx.contracts.get(req.contractId);
    if (contract === undefined) return refuse(fail('reservation_not_found'));
    const authority = await authorityFor(tx, contract, req.loginId);
    // Cancelling needs an OTP (資金移動予約取消 is one of the actions an OTP authorises): no token, no cancel.
    if ('ok' in authority || authority.kind !== 'otp') return refuse(fail('not_registered'));
    const use = await useTokenCode(tx, deps.keyring, nowMs, { serial: authority.serial, code: req.otp, purpose: 'payment', statuses: ['registered'] });
    if (use.kind === 'rejected') return refuse(fail(paymentRefusalOf(use.reason), 'otp'), { serial: authority.serial, cause: use.reason, tokenLockedNow: use.lockedNow });
    await audit('cancelled', { draft: cancelled.draftId, amountYen: cancelled.amountYen.toString(), executeOn: cancelled.executeOn, serial: use.serial });
    return { ok: true, reservation: reservationReceiptOf(cancelled) };
  });
}

export type CancelView =
  | { readonly ok: true; readonly reservation: ReservationReceipt; readonly serial: string }
  | Failure<'reservation_not_found' | 'reservation_not_cancellable' | 'not_registered'>;

/** The confirm screen of 資金移動予約取消: the user's own cancellable reservation and the token whose OTP it needs. */
export async function cancelViewOf(tx: StoreTx, owner: PaymentOwner, reservationId: string, nowMs: number): Promise<CancelView> {
  const reservation = await ownReservation(tx, owner, reservationId);
  const contract = await tx.contracts.get(owner.contractId);
  if (reservation === undefined || contract === undefined) return fail('reservation_not_found');
  if (!isCancellable(reservation, tokyoDate(nowMs))) return fail('reservation_not_cancellable');
  const authority = await authorityFor(tx, contract, owner.loginId);
  if ('ok' in authority || authority.kind !== 'otp') return fail('not_registered');
  return { ok: true, reservation, serial: authority.serial };
}
