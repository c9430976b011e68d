// Software tokens: a `tokens` row (kind 'software', model 'sw') plus this row saying where it came from and how
// far it got. `app`: activated by the bizotp app (/app) by key agreement, so the secret never travelled; it is
// `pending` until the app's first valid code, then `active` and registrable by any one contract, which the
// registration binds. `otpauth`: issued by the bank to one contract as an otpauth:// QR code (SHA1/6/30).
// The last-seen time is what the console shows to tell a phone still in use from a forgotten one.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE soft_tokens (
  serial ${t.key} PRIMARY KEY REFERENCES tokens (serial) ON DELETE CASCADE,
  origin TEXT NOT NULL CHECK (origin IN ('app', 'otpauth')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'active')),
  created_at_ms ${t.int64} NOT NULL,
  activated_at_ms ${t.int64},
  last_seen_at_ms ${t.int64}
)${t.tableOptions};
CREATE INDEX soft_tokens_by_state ON soft_tokens (state, created_at_ms);
`;
}

export const softTokensSchema: Migration = {
  version: 13,
  name: 'software tokens: origin (app activation or otpauth QR), activation state, last seen',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
