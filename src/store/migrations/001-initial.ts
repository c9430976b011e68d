// The first schema: contracts, users, the token inventory, registrations, the audit chains and sessions.
// CHECKs repeat the domain's vocabularies (token.ts, store-ports.ts) so no other writer can break them.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE contracts (
  id ${t.key} PRIMARY KEY,
  name TEXT NOT NULL,
  admin_password_hash TEXT NOT NULL,
  confirm_pin_hash TEXT NOT NULL,
  admin_login_failures INTEGER NOT NULL DEFAULT 0 CHECK (admin_login_failures >= 0),
  confirm_pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (confirm_pin_failures >= 0),
  otp_form TEXT NOT NULL DEFAULT 'none' CHECK (otp_form IN ('none', 'per_user', 'shared')),
  otp_started_at_ms ${t.int64},
  created_at_ms ${t.int64} NOT NULL
)${t.tableOptions};

CREATE TABLE users (
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  login_id ${t.key} NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  confirm_pin_hash TEXT NOT NULL,
  can_transfer ${t.bool('can_transfer')} NOT NULL,
  can_pay_tax ${t.bool('can_pay_tax')} NOT NULL,
  login_failures INTEGER NOT NULL DEFAULT 0 CHECK (login_failures >= 0),
  created_at_ms ${t.int64} NOT NULL,
  PRIMARY KEY (contract_id, login_id)
)${t.tableOptions};

CREATE TABLE tokens (
  serial ${t.key} PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('hardware', 'software')),
  model TEXT NOT NULL CHECK (model IN ('hw1', 'hw2', 'hw3', 'sw')),
  otp_type TEXT NOT NULL CHECK (otp_type IN ('totp', 'hotp')),
  algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits INTEGER NOT NULL CHECK (digits BETWEEN 6 AND 8),
  step_seconds INTEGER,
  sealed_key_id TEXT NOT NULL,
  sealed_blob ${t.bytes} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('in_stock', 'issued', 'registered', 'locked', 'revoked', 'lost')),
  contract_id ${t.key} REFERENCES contracts (id),
  drift INTEGER NOT NULL DEFAULT 0,
  last_counter ${t.int64} CHECK (last_counter >= 0),
  counter ${t.int64} NOT NULL DEFAULT 0 CHECK (counter >= 0),
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  expires_at_ms ${t.int64},
  demo ${t.bool('demo')} NOT NULL,
  created_at_ms ${t.int64} NOT NULL DEFAULT ${t.nowMs},
  CHECK ((otp_type = 'hotp' AND step_seconds IS NULL) OR (otp_type = 'totp' AND step_seconds IN (30, 60)))
)${t.tableOptions};
CREATE INDEX tokens_by_contract ON tokens (contract_id, serial);
CREATE INDEX tokens_by_status ON tokens (status, serial);

CREATE TABLE registrations (
  id ${t.identity},
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  login_id ${t.key},
  serial ${t.key} NOT NULL REFERENCES tokens (serial),
  form TEXT NOT NULL CHECK (form IN ('per_user', 'shared')),
  registered_at_ms ${t.int64} NOT NULL,
  ended_at_ms ${t.int64},
  -- store-ports.ts: the shared form has no user; per_user always has one.
  CHECK ((form = 'shared' AND login_id IS NULL) OR (form = 'per_user' AND login_id IS NOT NULL))
)${t.tableOptions};
CREATE INDEX registrations_by_contract ON registrations (contract_id, id);
CREATE INDEX registrations_active_by_contract ON registrations (contract_id) WHERE ended_at_ms IS NULL;
CREATE INDEX registrations_active_by_serial ON registrations (serial) WHERE ended_at_ms IS NULL;

-- One row per chain: its lock and its latest entry (seq 0 and '' before the first).
CREATE TABLE audit_heads (
  chain ${t.key} PRIMARY KEY,
  seq ${t.int64} NOT NULL CHECK (seq >= 0),
  hash TEXT NOT NULL
)${t.tableOptions};

CREATE TABLE audit_log (
  chain ${t.key} NOT NULL,
  seq ${t.int64} NOT NULL CHECK (seq >= 1),
  at_ms ${t.int64} NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  ip TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (chain, seq)
)${t.tableOptions};

-- No foreign key to contracts: sessions are short-lived and must never block a contract's changes.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  contract_id ${t.key} NOT NULL,
  login_id ${t.key},
  csrf_token TEXT NOT NULL,
  created_at_ms ${t.int64} NOT NULL,
  last_seen_at_ms ${t.int64} NOT NULL,
  data TEXT NOT NULL
)${t.tableOptions};
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at_ms);
`;
}

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
