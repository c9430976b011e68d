// The audit log is append-only below the application too (ASVS 4.0.3 7.3.3): a trigger refuses every UPDATE
// and DELETE of audit_log (and TRUNCATE on PostgreSQL), so rewriting history takes DDL rights (dropping the
// trigger) as well as write access. key_id names the master key whose audit key sealed an entry
// (audit-entry-hash.ts); it is NULL for the entries written before, which keep their plain SHA-256.
import type { Migration } from './migration.ts';

const SQLITE = `
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
`;

// ENABLE ALWAYS: the triggers fire under session_replication_role = replica too, which otherwise skips them.
const POSTGRES = `
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_change;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
`;

export const auditAppendOnly: Migration = {
  version: 9,
  name: 'audit log append-only, entries keyed',
  sqlite: SQLITE,
  postgres: POSTGRES,
};
