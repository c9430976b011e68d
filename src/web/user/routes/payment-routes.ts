// ② 確認 and ③ 完了 of both kinds of payment. The confirm screen is drawn from the stored draft; 実行 sends
// only the draft's id and the OTP (or 利用者確認暗証番号): whatever else a tampered form carries is never
// read, so the OTP authorises exactly what was shown (PSD2 RTS Art. 5).

import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorisePayment, type PaymentProof } from '../../../domain/authorise-payment.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { userConfirmPinTriesLeft } from '../../../domain/tries-left.ts';
import type { ErrorCode, Failure } from '../../../domain/error-codes.ts';
import { parseOtp, parseSecretAttempt, parseSignature } from '../../../domain/inputs.ts';
import { confirmViewOf, receiptFor } from '../../../domain/payment-lookup.ts';
import { reservationForDraft } from '../../../domain/reservation-receipt.ts';
import { errorsOf, field, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf, sendRefusal } from '../user-respond.ts';
import { userOf, type UserContext } from '../user-session.ts';
import { paymentConfirmPage } from '../views/payment-confirm-page.ts';
import { signingQrSvg } from '../views/signing-qr.ts';
import { paymentReceiptPage } from '../views/payment-receipt-page.ts';
import { reservationReceiptPage } from '../views/reservation-receipt-page.ts';

const DRAFT_ID = /^[0-9a-f]{32}$/;

/** Refusals of what was typed in the authorise box; the draft stays payable. */
const AT_THE_FIELD: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['otp_invalid', 'otp_replayed', 'token_locked', 'user_pin_wrong', 'user_pin_locked', 'required', 'signature_invalid', 'signature_replayed']);

function draftIdOf(source: unknown, name: string): string | undefined {
  const raw = field(source, name);
  return raw !== undefined && DRAFT_ID.test(raw) ? raw : undefined;
}

/** Which proof the form carried; the domain decides whether it is the one that authorises now. */
function proofOf(body: unknown): PaymentProof | Failure<ErrorCode> {
  if (field(body, 'signature') !== undefined) {
    const signature = parseSignature(field(body, 'signature'));
    return signature.ok ? { kind: 'signature', response: signature.value } : signature;
  }
  if (field(body, 'otp') !== undefined) {
    const otp = parseOtp(field(body, 'otp'));
    return otp.ok ? { kind: 'otp', code: otp.value } : otp;
  }
  const pin = parseSecretAttempt(field(body, 'userConfirmPin'), 'userConfirmPin');
  return pin.ok ? { kind: 'user_pin', pin: pin.value } : pin;
}

export function paymentRoutes(app: FastifyInstance, deps: DomainDeps): void {
  /** The confirm screen of a pending draft, with `errors`; otherwise the receipt or the refusal. */
  const showConfirm = async (reply: FastifyReply, user: UserContext, draftId: string, errors: FieldErrors, fallback?: ErrorCode, triesLeft?: number): Promise<FastifyReply> => {
    const found = await deps.store.transaction((tx) => confirmViewOf(tx, user, draftId, deps.now()));
    if ('ok' in found) return sendRefusal(reply, deps, user, fallback ?? found.code);
    if (found.kind === 'done') return reply.redirect(`/user/payments/receipt?id=${draftId}`, 303);
    const status = Object.keys(errors).length === 0 ? 200 : FORM_ERROR_STATUS;
    // The QR code is drawn here, from the stored draft's challenge text (never from the request).
    const qrSvg = found.view.signing === null ? undefined : await signingQrSvg(found.view.signing.qrText);
    return sendPage(reply, paymentConfirmPage(await pageSessionOf(deps, user), found.view, errors, triesLeft, qrSvg), status);
  };

  app.get('/payments/confirm', async (request, reply) => {
    const user = userOf(request);
    const draftId = draftIdOf(request.query, 'id');
    if (draftId === undefined) return sendRefusal(reply, deps, user, 'payment_not_found');
    return showConfirm(reply, user, draftId, {});
  });

  app.post('/payments/execute', async (request, reply) => {
    const user = userOf(request);
    const draftId = draftIdOf(request.body, 'draftId');
    if (draftId === undefined) return sendRefusal(reply, deps, user, 'payment_not_found');
    const proof = proofOf(request.body);
    if ('ok' in proof) return showConfirm(reply, user, draftId, errorsOf(proof));

    const outcome = await authorisePayment(deps, user.who, { contractId: user.contractId, loginId: user.loginId, draftId, proof });
    if (outcome.ok) return reply.redirect(`/user/payments/receipt?id=${draftId}`, 303);
    // A wrong OTP or PIN leaves the draft pending: the confirm screen again, with the reason at the field.
    // Anything that ends the payment (refused, expired, no token, no permission) shows its reason and remedy.
    if (AT_THE_FIELD.has(outcome.code)) {
      const triesLeft = outcome.code === 'user_pin_wrong' ? await userConfirmPinTriesLeft(deps.store, user.contractId, user.loginId) : 'remaining' in outcome ? outcome.remaining : undefined;
      return showConfirm(reply, user, draftId, errorsOf(outcome, 'otp'), outcome.code, triesLeft);
    }
    return sendRefusal(reply, deps, user, outcome.code);
  });

  app.get('/payments/receipt', async (request, reply) => {
    const user = userOf(request);
    const draftId = draftIdOf(request.query, 'id');
    if (draftId === undefined) return sendRefusal(reply, deps, user, 'payment_not_found');
    // A transfer dated later became a reservation: its 予約受付, not a debit's receipt.
    // One query at a time on a transaction's client (pg refuses concurrent queries on one client).
    const [reservation, receipt] = await deps.store.transaction(async (tx) => [await reservationForDraft(tx, user, draftId), await receiptFor(tx, user, draftId)] as const);
    if (reservation !== undefined) return sendPage(reply, reservationReceiptPage(await pageSessionOf(deps, user), reservation));
    if (receipt === undefined) return sendRefusal(reply, deps, user, 'payment_not_found');
    return sendPage(reply, paymentReceiptPage(await pageSessionOf(deps, user), receipt));
  });
}
