// A contracts row as the domain's ContractRecord: contracts.ts and contract-listing.ts read the same columns.
import type { ContractRecord } from '../../domain/store-ports.ts';
import { OTP_FORMS } from '../../domain/store-ports.ts';
import { bool, int, intOrNull, oneOf, text } from './row.ts';
import type { SqlRow } from './sql-executor.ts';

export function contractFromRow(row: SqlRow): ContractRecord {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    adminPasswordHash: text(row, 'admin_password_hash'),
    confirmPinHash: text(row, 'confirm_pin_hash'),
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
