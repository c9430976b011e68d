// A contracts row as the domain's ContractRecord: contracts.ts and contract-listing.ts read the same columns.
import type { ContractRecord, ContractShown } from '../../domain/store-ports.ts';
import { OTP_FORMS } from '../../domain/store-ports.ts';
import { bool, int, intOrNull, oneOf, text } from './row.ts';
import type { SqlRow } from './sql-executor.ts';

/** The columns of a ContractShown: a contract without its secrets' hashes. */
export const CONTRACT_SHOWN_COLUMNS = [
  'id', 'name', 'admin_login_failures', 'admin_login_not_before_ms', 'confirm_pin_failures', 'otp_form',
  'otp_started_at_ms', 'created_at_ms', 'admin_password_must_change', 'confirm_pin_must_change',
] as const;

export function contractShownFromRow(row: SqlRow): ContractShown {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    adminLoginFailures: int(row, 'admin_login_failures'),
    adminLoginNotBeforeMs: int(row, 'admin_login_not_before_ms'),
    confirmPinFailures: int(row, 'confirm_pin_failures'),
    otpForm: oneOf(row, 'otp_form', OTP_FORMS),
    otpStartedAtMs: intOrNull(row, 'otp_started_at_ms'),
    createdAtMs: int(row, 'created_at_ms'),
    adminPasswordMustChange: bool(row, 'admin_password_must_change'),
    confirmPinMustChange: bool(row, 'confirm_pin_must_change'),
  };
}

export function contractFromRow(row: SqlRow): ContractRecord {
  return { ...contractShownFromRow(row), adminPasswordHash: text(row, 'admin_password_hash'), confirmPinHash: text(row, 'confirm_pin_hash') };
}
