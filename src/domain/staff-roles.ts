// Deny by default: one table of what each staff role may do. A console route names its action; a role
// not listed for it is refused (403), and so is a route that names none (src/web/bank/bank-guard.ts).
// viewer: 照会のみ; operator (担当者): every operation, and requests for those that need a second pair of
// eyes; approver (承認者): approves or denies requests (never his own), may raise a request for another
// approver, and sees what a viewer sees.

import type { StaffRole } from './staff-store-ports.ts';

export const STAFF_ACTIONS = [
  /** Any screen that only shows (dashboard, lists, searches). */
  'view',
  /** Ending one's own session (ログアウト). */
  'session',
  /** ロック解除 done at once. */
  'unlock',
  /** 申請: asking a second staff member to approve an action. */
  'request',
  /** 承認 / 否認 of someone else's request. */
  'approve',
  /** Taking data out of the console (監査ログ CSV): a right of its own, as privacyIDEA's auditlog_download. */
  'export',
  /** トークン発行: tokens from stock to a contract, done at once. */
  'issue',
  /** 同期ズレ補正 with two consecutive codes, done at once. */
  'resync',
  /** シードファイル取込: loading a vendor's seed file into the inventory (preview, then import). */
  'import',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export const STAFF_PERMISSIONS = {
  view: ['viewer', 'operator', 'approver'],
  session: ['viewer', 'operator', 'approver'],
  unlock: ['operator'],
  request: ['operator', 'approver'],
  approve: ['approver'],
  export: ['operator', 'approver'],
  issue: ['operator'],
  resync: ['operator'],
  import: ['operator'],
} as const satisfies Record<StaffAction, readonly StaffRole[]>;

export function staffMay(role: StaffRole, action: StaffAction | undefined): boolean {
  if (action === undefined) return false;
  return (STAFF_PERMISSIONS[action] as readonly StaffRole[]).includes(role);
}

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = { viewer: '照会者', operator: '担当者', approver: '承認者' };
