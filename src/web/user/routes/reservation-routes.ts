// 予約照会・取消: the list of the user's reservations, and 資金移動予約取消 with a fresh OTP (confirm screen,
// POST → 303 → completion screen). Only the session's own reservations are ever shown or cancelled.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { cancelReservation, cancelViewOf } from '../../../domain/cancel-reservation.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import type { ErrorCode } from '../../../domain/error-codes.ts';
import { parseOtp } from '../../../domain/inputs.ts';
import { ownReservation, reservationsOf } from '../../../domain/reservation-receipt.ts';
import { tokyoDate } from '../../../domain/tokyo-date.ts';
import { errorsOf, field, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf, sendRefusal } from '../user-respond.ts';
import { userOf, type UserContext } from '../user-session.ts';
import { reservationCancelledPage, reservationCancelPage } from '../views/reservation-cancel-page.ts';
import { reservationListPage } from '../views/reservation-list-page.ts';

const RESERVATION_ID = /^[0-9a-f]{32}$/;

/** Refusals of what was typed in the OTP box; the reservation stays cancellable. */
const AT_THE_FIELD: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['otp_invalid', 'otp_replayed', 'token_locked', 'required', 'not_half_width', 'bad_format', 'too_long', 'too_short']);

function idOf(source: unknown, name: string): string | undefined {
  const raw = field(source, name);
  return raw !== undefined && RESERVATION_ID.test(raw) ? raw : undefined;
}

export function reservationRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const showCancel = async (reply: FastifyReply, user: UserContext, id: string, errors: FieldErrors): Promise<FastifyReply> => {
    const view = await deps.store.transaction((tx) => cancelViewOf(tx, user, id, deps.now()));
    if (!view.ok) return sendRefusal(reply, deps, user, view.code);
    const status = Object.keys(errors).length === 0 ? 200 : FORM_ERROR_STATUS;
    return sendPage(reply, reservationCancelPage(await pageSessionOf(deps, user), view.reservation, view.serial, errors), status);
  };

  app.get('/reservations', async (request, reply) => {
    const user = userOf(request);
    const list = await deps.store.transaction((tx) => reservationsOf(tx, user));
    return sendPage(reply, reservationListPage(await pageSessionOf(deps, user), list, tokyoDate(deps.now())));
  });

  app.get('/reservations/cancel', async (request, reply) => {
    const user = userOf(request);
    const id = idOf(request.query, 'id');
    if (id === undefined) return sendRefusal(reply, deps, user, 'reservation_not_found');
    return showCancel(reply, user, id, {});
  });

  app.post('/reservations/cancel', async (request, reply) => {
    const user = userOf(request);
    const id = idOf(request.body, 'reservationId');
    if (id === undefined) return sendRefusal(reply, deps, user, 'reservation_not_found');
    const otp = parseOtp(field(request.body, 'otp'));
    if (!otp.ok) return showCancel(reply, user, id, errorsOf(otp));
    const outcome = await cancelReservation(deps, user.who, { contractId: user.contractId, loginId: user.loginId, reservationId: id, otp: otp.value });
    if (outcome.ok) return reply.redirect(`/user/reservations/cancelled?id=${id}`, 303);
    if (AT_THE_FIELD.has(outcome.code)) return showCancel(reply, user, id, errorsOf(outcome, 'otp'));
    return sendRefusal(reply, deps, user, outcome.code);
  });

  app.get('/reservations/cancelled', async (request, reply) => {
    const user = userOf(request);
    const id = idOf(request.query, 'id');
    const reservation = id === undefined ? undefined : await deps.store.transaction((tx) => ownReservation(tx, user, id));
    if (reservation === undefined || reservation.status !== 'cancelled') return sendRefusal(reply, deps, user, 'reservation_not_found');
    return sendPage(reply, reservationCancelledPage(await pageSessionOf(deps, user), reservation));
  });
}
