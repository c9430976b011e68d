// The users' side (issue 4): the 利用者確認暗証番号's failure counter, the embedded ledger (accounts, limits,
// per-day totals, debits), the payment drafts an OTP authorises, and the bank systems' API keys.
// CHECKs repeat the domain's vocabularies (store-ports.ts) so that no other writer can break them.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
ALTER TABLE users ADD COLUMN confirm_pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (confirm_pin_failures >= 0);

CREATE TABLE accounts (
  id ${t.identity},
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  branch_code ${t.key} NOT NULL CHECK (length(branch_code) = 3),
  kind TEXT NOT NULL CHECK (kind IN ('futsu', 'toza', 'chochiku')),
  number ${t.key} NOT NULL CHECK (length(number) = 7),
  name TEXT NOT NULL,
  -- A debit is one conditional UPDATE (balance >= amount); the CHECK is the last line of defence.
  balance_yen ${t.int64} NOT NULL CHECK (balance_yen >= 0),
  created_at_ms ${t.int64} NOT NULL,
  UNIQUE (branch_code, kind, number)
)${t.tableOptions};
CREATE INDEX accounts_by_contract ON accounts (contract_id, id);

CREATE TABLE transfer_limits (
  contract_id ${t.key} PRIMARY KEY REFERENCES contracts (id),
  per_payment_yen ${t.int64} NOT NULL CHECK (per_payment_yen > 0),
  daily_yen ${t.int64} NOT NULL CHECK (daily_yen > 0)
)${t.tableOptions};

-- One row per contract and day (Japan time): the daily limit is a conditional UPDATE of its total.
CREATE TABLE daily_totals (
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  day ${t.key} NOT NULL CHECK (length(day) = 10),
  total_yen ${t.int64} NOT NULL CHECK (total_yen >= 0),
  PRIMARY KEY (contract_id, day)
)${t.tableOptions};

-- No foreign key to users: 登録抹消 removes a user, and the drafts and debits stay for the auditor.
CREATE TABLE payment_drafts (
  id ${t.key} PRIMARY KEY CHECK (length(id) = 32),
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  login_id ${t.key} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('transfer', 'payeasy')),
  account_id ${t.int64} NOT NULL REFERENCES accounts (id),
  amount_yen ${t.int64} NOT NULL CHECK (amount_yen > 0),
  details TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'refused')),
  refusal TEXT,
  created_at_ms ${t.int64} NOT NULL,
  expires_at_ms ${t.int64} NOT NULL,
  settled_at_ms ${t.int64},
  CHECK ((status = 'refused') = (refusal IS NOT NULL))
)${t.tableOptions};
CREATE INDEX payment_drafts_by_user ON payment_drafts (contract_id, login_id, created_at_ms);

CREATE TABLE ledger_entries (
  id ${t.identity},
  account_id ${t.int64} NOT NULL REFERENCES accounts (id),
  contract_id ${t.key} NOT NULL REFERENCES contracts (id),
  -- UNIQUE: one debit per payment, whatever the code above does.
  draft_id ${t.key} NOT NULL UNIQUE REFERENCES payment_drafts (id),
  login_id ${t.key} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('transfer', 'payeasy')),
  amount_yen ${t.int64} NOT NULL CHECK (amount_yen > 0),
  balance_after_yen ${t.int64} NOT NULL CHECK (balance_after_yen >= 0),
  description TEXT NOT NULL,
  at_ms ${t.int64} NOT NULL
)${t.tableOptions};
CREATE INDEX ledger_entries_by_contract ON ledger_entries (contract_id, id);

-- Only the SHA-256 of a key is kept; the key is printed once by \`bizotp apikeys create\`.
CREATE TABLE api_keys (
  name ${t.key} PRIMARY KEY,
  key_hash ${t.key} NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  created_at_ms ${t.int64} NOT NULL,
  revoked_at_ms ${t.int64}
)${t.tableOptions};
`;
}

export const paymentsSchema: Migration = {
  version: 2,
  name: 'ledger, payment drafts, API keys',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
