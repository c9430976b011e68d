// The storage interface of 予約 (future-dated transfers). Part of StoreTx (store-ports.ts); the same
// concurrency contract applies. Lock order: the reservation row first (like a payment's draft row), then the
// token row (cancellation), or the (contract, day) total and the account (execution), then the audit head.

export const RESERVATION_STATUSES = ['reserved', 'executing', 'done', 'failed', 'cancelled'] as const;
/**
 * reserved → executing (claimed by a runner, with a lease) → done | failed; reserved → cancelled by the user.
 * An executing reservation whose lease ran out (its runner died) is claimed again.
 */
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface ReservationRecord {
  /** 128 random bits, hex. */
  readonly id: string;
  /** The authorised draft: unique, so one draft is never reserved twice. */
  readonly draftId: string;
  readonly contractId: string;
  readonly loginId: string;
  readonly accountId: number;
  readonly amountYen: bigint;
  /** The payee, canonical JSON as in the draft (payment-details.ts). */
  readonly details: string;
  /** The business day it executes on (Japan date, YYYY-MM-DD). */
  readonly executeOn: string;
  readonly status: ReservationStatus;
  /** The runner holding the claim while executing (and the last one, afterwards). */
  readonly claimedBy: string | null;
  readonly claimedUntilMs: number | null;
  /** Why it failed (an error code), or 'done'/'cancelled' once finished. */
  readonly resultCode: string | null;
  readonly createdAtMs: number;
  readonly finishedAtMs: number | null;
}

export type NewReservation = Pick<ReservationRecord, 'id' | 'draftId' | 'contractId' | 'loginId' | 'accountId' | 'amountYen' | 'details' | 'executeOn' | 'createdAtMs'>;

export interface ReservationClaim {
  /** The Japan date of today: reservations with executeOn on or before it are due. */
  readonly today: string;
  readonly nowMs: number;
  readonly runnerId: string;
  /** Until when the claim is the runner's; after it, another runner may claim the reservation again. */
  readonly leaseUntilMs: number;
  readonly limit: number;
}

export interface ReservationStore {
  insert(r: NewReservation): Promise<ReservationRecord>;
  get(id: string): Promise<ReservationRecord | undefined>;
  forDraft(draftId: string): Promise<ReservationRecord | undefined>;
  /** The user's reservations, the latest execution date first. */
  listFor(contractId: string, loginId: string, limit: number): Promise<ReservationRecord[]>;
  /**
   * Claims up to `limit` due reservations (reserved, or executing with a lease that ended before nowMs):
   * → executing, claimed_by, claimed_until. One conditional UPDATE; on PostgreSQL the candidates are chosen
   * with FOR UPDATE SKIP LOCKED, so parallel runners take disjoint sets without waiting for each other.
   */
  claimDue(claim: ReservationClaim): Promise<ReservationRecord[]>;
  /**
   * Takes the row lock of a reservation this runner still holds (executing, claimed_by = runnerId), for the
   * transaction that executes it; undefined when another runner took it over meanwhile or it is finished.
   */
  hold(id: string, runnerId: string): Promise<ReservationRecord | undefined>;
  /** executing → done | failed, only by the runner holding it. */
  finish(id: string, runnerId: string, status: 'done' | 'failed', resultCode: string, nowMs: number): Promise<boolean>;
  /** reserved → cancelled for its own user, while its execution day is after `today`. */
  cancel(id: string, contractId: string, loginId: string, today: string, nowMs: number): Promise<ReservationRecord | undefined>;
  /** cancelled → reserved: undoes this transaction's cancel when its OTP was refused. */
  uncancel(id: string): Promise<boolean>;
}
