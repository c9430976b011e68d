// The verify API's fast path on PostgreSQL (src/domain/hot-verify-ports.ts): one read and one call of
// bizotp_verify_commit (migration 15), each a statement of its own on the pool (autocommit), so a right code
// costs two round trips and one durable COMMIT instead of seven round trips inside BEGIN … COMMIT.

import type { AuditKeys } from '../../domain/audit-keys.ts';
import type { HotVerifyCommit, HotVerifyOutcome, HotVerifyPort, HotVerifyRead } from '../../domain/hot-verify-ports.ts';
import { OTP_FORMS } from '../../domain/store-ports.ts';
import { keyFromRow } from './api-keys.ts';
import { int, oneOf, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';
import { tokenFromRow } from './token-row.ts';

// The registration that applies is found by equality on (contract_id, form, login_id), one branch per
// form, so registrations_active_by_user is searched rather than the contract's registrations scanned.
const READ = `SELECT k.name AS k_name, k.key_hash AS k_key_hash, k.created_at_ms AS k_created_at_ms,
    k.revoked_at_ms AS k_revoked_at_ms, k.contract_ids AS k_contract_ids, k.expires_at_ms AS k_expires_at_ms,
    k.last_used_at_ms AS k_last_used_at_ms, k.rate_per_minute AS k_rate_per_minute,
    c.id AS c_id, c.otp_form AS reg_otp_form, u.login_id AS reg_user_login, r.serial AS reg_serial,
    h.seq AS head_seq, h.hash AS head_hash, t.*
  FROM (SELECT 1) one
  LEFT JOIN api_keys k ON k.key_hash = ? AND k.revoked_at_ms IS NULL
  LEFT JOIN contracts c ON c.id = ?
  LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = ?
  LEFT JOIN LATERAL (
    (SELECT r1.serial, r1.registered_at_ms, r1.id FROM registrations r1
      WHERE c.otp_form = 'per_user' AND r1.contract_id = c.id AND r1.form = 'per_user' AND r1.login_id = u.login_id
        AND r1.ended_at_ms IS NULL)
    UNION ALL
    (SELECT r2.serial, r2.registered_at_ms, r2.id FROM registrations r2
      WHERE c.otp_form = 'shared' AND r2.contract_id = c.id AND r2.form = 'shared' AND r2.login_id IS NULL
        AND r2.ended_at_ms IS NULL)
    ORDER BY 2 DESC, 3 DESC LIMIT 1
  ) r ON true
  LEFT JOIN tokens t ON t.serial = r.serial
  LEFT JOIN audit_heads h ON h.chain = c.id`;

const COMMIT = `SELECT bizotp_verify_commit(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS outcome`;
const HEAD = 'SELECT seq, hash FROM audit_heads WHERE chain = ?';
const HEAD_MOVED = 'BZ409';

function keyOf(row: SqlRow): HotVerifyRead['key'] {
  if (row.k_name === null || row.k_name === undefined) return undefined;
  return keyFromRow({
    name: row.k_name, key_hash: row.k_key_hash, created_at_ms: row.k_created_at_ms, revoked_at_ms: row.k_revoked_at_ms,
    contract_ids: row.k_contract_ids, expires_at_ms: row.k_expires_at_ms, last_used_at_ms: row.k_last_used_at_ms,
    rate_per_minute: row.k_rate_per_minute,
  });
}

function isHeadMoved(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === HEAD_MOVED;
}

/** `autocommit` runs each statement as its own transaction (a pool's query, not a checked-out client). */
export function createHotVerify(autocommit: SqlExecutor, auditKeys: AuditKeys | undefined): HotVerifyPort {
  return {
    auditKeys,

    async read(apiKeyHash: string, contractId: string, loginId: string): Promise<HotVerifyRead> {
      const row = (await autocommit.all(READ, [apiKeyHash, contractId, loginId]))[0];
      if (row === undefined) throw new Error('the verify read returned no row');
      const head = row.head_seq === null ? undefined : { seq: int(row, 'head_seq'), hash: text(row, 'head_hash') };
      if (row.c_id === null) return { key: keyOf(row), target: undefined, head };
      const target = { otpForm: oneOf(row, 'reg_otp_form', OTP_FORMS), userExists: row.reg_user_login !== null, serial: row.reg_serial === null ? null : text(row, 'reg_serial') };
      return { key: keyOf(row), target: row.serial === null ? target : { ...target, token: tokenFromRow(row) }, head };
    },

    async commit(c: HotVerifyCommit): Promise<HotVerifyOutcome> {
      const e = c.entry;
      try {
        const row = (await autocommit.all(COMMIT, [
          c.apiKeyHash, c.touch?.atMs ?? null, c.touch?.beforeMs ?? null,
          c.serial, c.status, c.maxFailures, c.counter, c.drift, c.contractId,
          e.chain, e.seq, e.atMs, e.actor, e.action, e.target, e.outcome, e.detail, e.ip, e.prevHash, e.hash, e.keyId ?? null,
          c.software ? 1 : 0,
        ]))[0];
        const outcome = row?.outcome;
        if (outcome !== 'committed' && outcome !== 'key_gone' && outcome !== 'token_changed') throw new Error(`bizotp_verify_commit answered ${String(outcome)}`);
        return { kind: outcome };
      } catch (error) {
        if (!isHeadMoved(error)) throw error;
        const head = (await autocommit.all(HEAD, [e.chain]))[0];
        return { kind: 'head_moved', head: head === undefined ? undefined : { seq: int(head, 'seq'), hash: text(head, 'hash') } };
      }
    },
  };
}
