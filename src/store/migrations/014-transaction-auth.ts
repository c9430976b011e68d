// 取引認証 (transaction signing with the bizotp app): the bank's policy, one row, off until the bank turns it
// on (for every 資金移動, or for those above an amount); and the responses already spent. A response is
// spent once per (token, OCRA time step, question): the primary key makes the spending INSERT conditional
// (ON CONFLICT DO NOTHING, zero rows = replayed), in the transaction of the payment it authorises.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function schema(t: ColumnTypes): string {
  return `
CREATE TABLE transaction_auth_policy (
  id ${t.int64} PRIMARY KEY CHECK (id = 1),
  mode TEXT NOT NULL CHECK (mode IN ('off', 'all', 'above')),
  threshold_yen ${t.int64} CHECK (threshold_yen >= 0),
  changed_at_ms ${t.int64} NOT NULL,
  changed_by TEXT NOT NULL,
  CHECK ((mode = 'above') = (threshold_yen IS NOT NULL))
)${t.tableOptions};
INSERT INTO transaction_auth_policy (id, mode, threshold_yen, changed_at_ms, changed_by) VALUES (1, 'off', NULL, 0, 'migration');
CREATE TABLE used_signatures (
  serial ${t.key} NOT NULL REFERENCES tokens (serial) ON DELETE CASCADE,
  time_step ${t.int64} NOT NULL,
  question ${t.key} NOT NULL CHECK (length(question) BETWEEN 1 AND 64),
  draft_id ${t.key} NOT NULL,
  used_at_ms ${t.int64} NOT NULL,
  PRIMARY KEY (serial, time_step, question)
)${t.tableOptions};
CREATE INDEX used_signatures_by_time ON used_signatures (used_at_ms);
`;
}

export const transactionAuthSchema: Migration = {
  version: 14,
  name: '取引認証: the bank policy and the spent signing responses',
  sqlite: schema(SQLITE_TYPES),
  postgres: schema(POSTGRES_TYPES),
};
