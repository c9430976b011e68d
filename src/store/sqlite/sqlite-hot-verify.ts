// The verify API's fast path on SQLite (domain/hot-verify-ports.ts): the reads run on the verify writer's
// reader thread and the batches' commits on its writer thread (verify-writer.ts), each with a connection of
// its own, off the event loop that serves HTTP.
import type { AuditKeys } from '../../domain/audit-keys.ts';
import type { HotVerifyBatch, HotVerifyOutcome, HotVerifyPort, HotVerifyRead } from '../../domain/hot-verify-ports.ts';
import { readOf, VERIFY_READ_COLUMNS } from '../sql/hot-verify.ts';
import { SQLITE_REGISTRATION_THAT_APPLIES } from '../sql/registrations.ts';
import type { SqlRow } from '../sql/sql-executor.ts';

// tokenRowFor's SQLite query with the key and the contract chain's head beside it, at one snapshot.
export const SQLITE_VERIFY_READ = `SELECT ${VERIFY_READ_COLUMNS}
  FROM (SELECT 1) one
  LEFT JOIN api_keys k ON k.key_hash = ? AND k.revoked_at_ms IS NULL
  LEFT JOIN contracts c ON c.id = ?
  LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = ?
  ${SQLITE_REGISTRATION_THAT_APPLIES}
  LEFT JOIN tokens t ON t.serial = r.serial
  LEFT JOIN audit_heads h ON h.chain = c.id
  ORDER BY r.registered_at_ms DESC, r.id DESC
  LIMIT 1`;

/** What SqlDatabase.verifyWriter offers (verify-writer.ts). */
export interface VerifyWriterPort {
  /** SQLITE_VERIFY_READ's row for one request. */
  read(apiKeyHash: string, contractId: string, loginId: string): Promise<SqlRow>;
  commit(batch: HotVerifyBatch): Promise<HotVerifyOutcome>;
}

export function createSqliteHotVerify(writer: VerifyWriterPort, auditKeys: AuditKeys | undefined): HotVerifyPort {
  return {
    auditKeys,
    async read(apiKeyHash: string, contractId: string, loginId: string): Promise<HotVerifyRead> {
      return readOf(await writer.read(apiKeyHash, contractId, loginId));
    },
    commit: (batch) => writer.commit(batch),
  };
}
