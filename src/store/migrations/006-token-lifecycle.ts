// The bank's reads over the whole life of a token: when each token was last used (set by the store's
// consume, in the same UPDATE that spends the code), and indexes for the audit trail's search by target
// (a serial or a 利用者ID), by actor (a staff member), by time (date ranges, the dashboard's last 24 h),
// and for tokens about to expire.
import type { Migration } from './migration.ts';

const SCRIPT = `
ALTER TABLE tokens ADD COLUMN last_used_at_ms BIGINT;
CREATE INDEX tokens_by_expiry ON tokens (expires_at_ms) WHERE expires_at_ms IS NOT NULL;
CREATE INDEX audit_log_by_target ON audit_log (target, at_ms);
CREATE INDEX audit_log_by_actor ON audit_log (actor, at_ms);
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
CREATE INDEX audit_log_by_chain_action ON audit_log (chain, action, at_ms);
`;

export const tokenLifecycleSchema: Migration = {
  version: 6,
  name: 'token last use and audit search indexes',
  // SQLite STRICT tables take INTEGER, not BIGINT.
  sqlite: SCRIPT.replace('BIGINT', 'INTEGER'),
  postgres: SCRIPT,
};
