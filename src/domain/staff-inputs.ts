// Parsing at the edge for the staff console and the `staff` CLI (style.md habit 6).

import { fail } from './error-codes.ts';
import type { Parsed } from './inputs.ts';
import { MAX_REASON_LENGTH } from './staff-actor.ts';
import { STAFF_ROLES, type StaffRole } from './staff-store-ports.ts';

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** 職員ID: 1–20 ASCII letters, digits, `.`, `_` or `-`. */
export function parseStaffId(raw: unknown, field = 'staffId'): Parsed {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('required', field);
  const value = raw.trim();
  if (FULL_WIDTH.test(value)) return fail('not_half_width', field);
  if (value.length > 20) return fail('too_long', field);
  return /^[A-Za-z0-9._-]+$/.test(value) ? { ok: true, value } : fail('bad_format', field);
}

/** NIST 800-63B §5.1.1.2: at least 12 characters for a staff password here; any printable ASCII, up to 64. */
export const MIN_STAFF_PASSWORD_LENGTH = 12;

export function parseStaffPassword(raw: unknown, field = 'password'): Parsed {
  if (typeof raw !== 'string' || raw === '') return fail('required', field);
  if (FULL_WIDTH.test(raw)) return fail('not_half_width', field);
  if (!/^[\x20-\x7e]+$/.test(raw)) return fail('bad_format', field);
  if (raw.length > 64) return fail('too_long', field);
  return raw.length < MIN_STAFF_PASSWORD_LENGTH ? fail('too_short', field) : { ok: true, value: raw };
}

/** 理由: required free text, one line, at most MAX_REASON_LENGTH characters. */
export function parseReason(raw: unknown, field = 'reason'): Parsed {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('required', field);
  const value = raw.trim();
  if (/[\u0000-\u001f\u007f]/.test(value)) return fail('bad_format', field);
  return [...value].length > MAX_REASON_LENGTH ? fail('too_long', field) : { ok: true, value };
}

export function parseStaffRole(raw: unknown): StaffRole | undefined {
  return STAFF_ROLES.find((r) => r === raw);
}
