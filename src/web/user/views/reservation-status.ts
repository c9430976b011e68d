// How a reservation's state reads on the users' screens: a badge, and for one that could not execute, why
// (never silently: the user sees 「残高不足のため実行できませんでした」 and the like in the list).

import type { ReservationReceipt } from '../../../domain/reservation-receipt.ts';
import type { ReservationStatus } from '../../../domain/store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';

const STATUS_LABELS = {
  reserved: '予約受付中',
  executing: '実行中',
  done: '実行済',
  failed: '実行できませんでした',
  cancelled: '取消済',
} as const satisfies Record<ReservationStatus, string>;

const STATUS_CLASSES = {
  reserved: 'status-none',
  executing: 'status-none',
  done: 'status-ok',
  failed: 'status-locked',
  cancelled: 'status-none',
} as const satisfies Record<ReservationStatus, string>;

/** Why an execution failed, by the error code it failed with (execute-reservation.ts). */
const FAILURE_REASONS: Readonly<Record<string, string>> = {
  insufficient_funds: '残高不足のため実行できませんでした',
  over_daily_limit: '1日あたりのお支払限度額を超えるため実行できませんでした',
  over_payment_limit: '1回あたりのお支払限度額を超えるため実行できませんでした',
};

export function reservationStatusLabel(status: ReservationStatus): string {
  return STATUS_LABELS[status];
}

export function reservationStatus(r: Pick<ReservationReceipt, 'status' | 'failure'>): SafeHtml {
  const badge = html`<span class="status ${STATUS_CLASSES[r.status]}" data-testid="reservation-status">${STATUS_LABELS[r.status]}</span>`;
  if (r.status !== 'failed') return badge;
  const reason = FAILURE_REASONS[r.failure ?? ''] ?? '実行できませんでした';
  return html`${badge}<p class="reservation-failure" data-error-code="${r.failure ?? ''}">${reason}</p>`;
}
