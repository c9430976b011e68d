// The bank staff console: staff accounts (職員) with their TOTP second factor, their sessions, and the
// maker–checker requests (申請) awaiting a second staff member's approval.
// CHECKs repeat the domain's vocabularies (staff-store-ports.ts) so that no other writer can break them.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE staff (
  id ${t.key} PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'approver')),
  password_hash TEXT NOT NULL,
  -- AES-256-GCM under the keyring, AAD bound to the staff id; null until enrolment is confirmed.
  totp_key_id TEXT,
  totp_sealed ${t.bytes},
  -- The last TOTP step accepted: a code is accepted only for a later step (RFC 6238 §5.2).
  totp_last_step ${t.int64},
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  disabled ${t.bool('disabled')} NOT NULL,
  must_enrol ${t.bool('must_enrol')} NOT NULL,
  created_at_ms ${t.int64} NOT NULL,
  CHECK ((totp_sealed IS NULL) = (totp_key_id IS NULL))
)${t.tableOptions};

-- No foreign key: sessions are short-lived and must never block a staff row's changes.
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  staff_id ${t.key} NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('otp', 'enrol', 'active')),
  csrf_token TEXT NOT NULL,
  -- The secret being enrolled, sealed with AAD bound to this session: only this session can show it.
  pending_key_id TEXT,
  pending_sealed ${t.bytes},
  created_at_ms ${t.int64} NOT NULL,
  last_seen_at_ms ${t.int64} NOT NULL
)${t.tableOptions};
CREATE INDEX staff_sessions_by_last_seen ON staff_sessions (last_seen_at_ms);

CREATE TABLE approval_requests (
  id ${t.key} PRIMARY KEY,
  action TEXT NOT NULL,
  params TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by ${t.key} NOT NULL REFERENCES staff (id),
  requested_at_ms ${t.int64} NOT NULL,
  expires_at_ms ${t.int64} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'executed', 'failed', 'denied', 'expired')),
  decided_by ${t.key} REFERENCES staff (id),
  decided_at_ms ${t.int64},
  decision_reason TEXT,
  outcome TEXT,
  -- A one-time value the action produced (a reset PIN), sealed for the requester; erased on first view.
  result_key_id TEXT,
  result_sealed ${t.bytes},
  CHECK ((status = 'pending') = (decided_at_ms IS NULL)),
  CHECK ((result_sealed IS NULL) = (result_key_id IS NULL))
)${t.tableOptions};
CREATE INDEX approval_requests_by_status ON approval_requests (status, requested_at_ms);
`;
}

export const staffConsoleSchema: Migration = {
  version: 7,
  name: 'staff accounts, staff sessions and approval requests',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
