// The storage the bank staff console needs: staff accounts (職員), their sessions, the maker–checker
// requests (申請). The dashboard's figures are the lifecycle read model's (lifecycle/dashboard-figures.ts). Implemented in src/store/sql; conformance cases in
// src/store/conformance/staff-cases.ts. Counters change only by conditional UPDATEs (store-ports.ts).

import type { SealedSecret } from './token.ts';

export const STAFF_ROLES = ['viewer', 'operator', 'approver'] as const;
/** viewer: 照会のみ; operator: 担当者 (everything operational); approver: 承認者. */
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRecord {
  readonly id: string; // 職員ID
  readonly name: string;
  readonly role: StaffRole;
  readonly passwordHash: string;
  /** The confirmed TOTP secret, sealed with AAD bound to the staff id; null before enrolment. */
  readonly totp: SealedSecret | null;
  /** The last TOTP step accepted (replay guard); null before the first. */
  readonly totpLastStep: bigint | null;
  /** Consecutive wrong passwords and codes together. */
  readonly failures: number;
  readonly disabled: boolean;
  readonly mustEnrol: boolean;
  readonly createdAtMs: number;
}

export type NewStaff = Omit<StaffRecord, 'totp' | 'totpLastStep' | 'failures' | 'disabled' | 'mustEnrol'>;

export interface StaffStore {
  /** False when the id is taken. */
  insert(staff: NewStaff): Promise<boolean>;
  get(id: string): Promise<StaffRecord | undefined>;
  list(): Promise<StaffRecord[]>;
  /** `failures + 1 WHERE failures < max AND NOT disabled`; the row after, or undefined. */
  beginAttempt(id: string, maxFailures: number): Promise<StaffRecord | undefined>;
  resetFailures(id: string): Promise<void>;
  /** `totp_last_step = step WHERE totp_last_step IS NULL OR totp_last_step < step`: false means replayed. */
  consumeStep(id: string, step: bigint): Promise<boolean>;
  /** Stores the confirmed secret and its first step; clears must_enrol. False when not awaiting enrolment. */
  enrol(id: string, totp: SealedSecret, step: bigint): Promise<boolean>;
  /** False when already disabled or unknown. */
  disable(id: string): Promise<boolean>;
}

export const STAFF_SESSION_STAGES = ['otp', 'enrol', 'active'] as const;
/** otp: password accepted, code awaited; enrol: first login, secret being enrolled; active: logged in. */
export type StaffSessionStage = (typeof STAFF_SESSION_STAGES)[number];

export interface StaffSessionRecord {
  /** SHA-256 (hex) of the session id; the id itself is only ever in the cookie. */
  readonly idHash: string;
  readonly staffId: string;
  readonly stage: StaffSessionStage;
  readonly csrfToken: string;
  /** The secret being enrolled, sealed with AAD bound to this session's id hash. */
  readonly pending: SealedSecret | null;
  readonly createdAtMs: number;
  readonly lastSeenAtMs: number;
}

export interface StaffSessionStore {
  insert(session: StaffSessionRecord): Promise<void>;
  get(idHash: string): Promise<StaffSessionRecord | undefined>;
  touch(idHash: string, atMs: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForStaff(staffId: string): Promise<number>;
  deleteIdleSince(beforeMs: number): Promise<number>;
  /**
   * Keeps a one-time value for a logged-in (`active`) session in its `pending` slot, which only enrolment
   * sessions otherwise use; false when the session is gone or not active.
   */
  holdOneTime(idHash: string, sealed: SealedSecret): Promise<boolean>;
  /** Empties the slot: `… WHERE pending_sealed IS NOT NULL`, so of two parallel takes only one gets true. */
  clearOneTime(idHash: string): Promise<boolean>;
}

export const APPROVAL_STATUSES = ['pending', 'executed', 'failed', 'denied', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalRecord {
  readonly id: string;
  readonly action: string;
  /** JSON text of the action's parameters; never a secret. */
  readonly params: string;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAtMs: number;
  readonly expiresAtMs: number;
  readonly status: ApprovalStatus;
  readonly decidedBy: string | null;
  readonly decidedAtMs: number | null;
  readonly decisionReason: string | null;
  /** The executed action's outcome code, or the failure code. */
  readonly outcome: string | null;
  /** A one-time value for the requester, sealed; null when none or already shown. */
  readonly result: SealedSecret | null;
}

export type NewApproval = Pick<ApprovalRecord, 'id' | 'action' | 'params' | 'reason' | 'requestedBy' | 'requestedAtMs' | 'expiresAtMs'>;

export interface ApprovalDecision {
  readonly status: Exclude<ApprovalStatus, 'pending'>;
  readonly decidedBy: string | null;
  readonly decidedAtMs: number;
  readonly decisionReason: string | null;
  readonly outcome: string | null;
  readonly result: SealedSecret | null;
}

export interface ApprovalStore {
  insert(request: NewApproval): Promise<void>;
  /** Reads the request and locks its row until commit (FOR UPDATE on PostgreSQL). */
  getForUpdate(id: string): Promise<ApprovalRecord | undefined>;
  get(id: string): Promise<ApprovalRecord | undefined>;
  /** Pending ones first by age, then the latest decided ones. */
  list(limit: number): Promise<ApprovalRecord[]>;
  countPending(nowMs: number): Promise<number>;
  /** `… WHERE id = ? AND status = 'pending'`: false when someone decided first. */
  decide(id: string, decision: ApprovalDecision): Promise<boolean>;
  /** Erases the one-time result: `… WHERE result_sealed IS NOT NULL`; false when already taken. */
  takeResult(id: string): Promise<boolean>;
}
