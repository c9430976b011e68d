// Throttles shared by every server instance: one row per bucket (a source address, an account, an API key)
// holding the current fixed window's start and its count, changed by one conditional UPSERT per attempt
// (src/store/sql/throttle.ts), so two instances never count the same window apart. And the not-before time
// of the logins' progressive delay, on the row whose counter the conditional UPDATE reserves.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE throttle_buckets (
  bucket ${t.key} PRIMARY KEY CHECK (length(bucket) BETWEEN 1 AND 200),
  window_start_ms ${t.int64} NOT NULL,
  hits ${t.int64} NOT NULL CHECK (hits >= 1),
  -- The count of the window before this one began, for the one audit entry a window of anonymous failures gets.
  earlier_hits ${t.int64} NOT NULL CHECK (earlier_hits >= 0)
)${t.tableOptions};
CREATE INDEX throttle_buckets_window ON throttle_buckets (window_start_ms);
-- The progressive delay before a login's lock: no attempt is reserved before this time (policy.ts loginDelayMs).
ALTER TABLE contracts ADD COLUMN admin_login_not_before_ms ${t.int64} NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN login_not_before_ms ${t.int64} NOT NULL DEFAULT 0;
-- API keys: a scope (comma-separated ご契約先ID; NULL: every contract), an expiry, a last use (written at
-- most once a minute) and a per-key rate (requests per minute; NULL: the default).
ALTER TABLE api_keys ADD COLUMN contract_ids TEXT;
ALTER TABLE api_keys ADD COLUMN expires_at_ms ${t.int64};
ALTER TABLE api_keys ADD COLUMN last_used_at_ms ${t.int64};
ALTER TABLE api_keys ADD COLUMN rate_per_minute ${t.int64} CHECK (rate_per_minute > 0);
-- Idempotency-Key on POST /api/v1/otp/verify: the first answer, written in the verification's transaction.
CREATE TABLE api_idempotency (
  api_key_hash ${t.key} NOT NULL,
  idempotency_key ${t.key} NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  body_hash ${t.key} NOT NULL,
  response TEXT NOT NULL,
  created_at_ms ${t.int64} NOT NULL,
  PRIMARY KEY (api_key_hash, idempotency_key)
)${t.tableOptions};
`;
}

export const throttleSchema: Migration = {
  version: 12,
  name: 'throttle buckets shared by all instances; progressive login delay; API key scope, expiry, rate',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
