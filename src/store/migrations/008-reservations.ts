// 予約: future-dated transfers, authorised with an OTP now and executed on their business day by a runner.
// The claim columns make execution safe with several server instances: a runner claims due rows with a
// lease (claimed_by, claimed_until_ms), and a claim whose lease ended is taken over.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE reservations (
  id ${t.key} PRIMARY KEY CHECK (length(id) = 32),
  -- UNIQUE: one authorised draft is one reservation, whatever the code above does.
  draft_id ${t.key} NOT NULL UNIQUE REFERENCES payment_drafts (id),
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  login_id ${t.key} NOT NULL,
  account_id ${t.int64} NOT NULL REFERENCES accounts (id),
  amount_yen ${t.int64} NOT NULL CHECK (amount_yen > 0),
  details TEXT NOT NULL,
  execute_on ${t.key} NOT NULL CHECK (length(execute_on) = 10),
  status TEXT NOT NULL CHECK (status IN ('reserved', 'executing', 'done', 'failed', 'cancelled')),
  claimed_by TEXT,
  claimed_until_ms ${t.int64},
  result_code TEXT,
  created_at_ms ${t.int64} NOT NULL,
  finished_at_ms ${t.int64},
  CHECK ((status = 'executing') = (claimed_until_ms IS NOT NULL))
)${t.tableOptions};
CREATE INDEX reservations_due ON reservations (status, execute_on);
CREATE INDEX reservations_by_user ON reservations (contract_id, login_id, execute_on);
`;
}

export const reservationsSchema: Migration = {
  version: 8,
  name: 'reservations of future-dated transfers',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
