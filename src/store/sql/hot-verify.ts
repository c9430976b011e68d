// The verify API's fast path on PostgreSQL (src/domain/hot-verify-ports.ts): one read for the requests of
// the moment and one call of bizotp_verify_commit (migration 15) for a batch of accepted codes, each a
// statement of its own on the pool (autocommit): a right code costs a share of two round trips and of one
// durable COMMIT, instead of seven round trips inside BEGIN … COMMIT.

import type { AuditKeys } from '../../domain/audit-keys.ts';
import type { HotVerifyBatch, HotVerifyOutcome, HotVerifyPort, HotVerifyRead } from '../../domain/hot-verify-ports.ts';
import { keyFromRow } from './api-keys.ts';
import { PG_REGISTRATION_THAT_APPLIES, tokenRowFromRow } from './registrations.ts';
import { int, text } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

/** The columns of a verify read, on both engines (readOf maps them): the key's, the registration's, the head's, the token's. */
export const VERIFY_READ_COLUMNS = `k.name AS k_name, k.key_hash AS k_key_hash, k.created_at_ms AS k_created_at_ms,
    k.revoked_at_ms AS k_revoked_at_ms, k.contract_ids AS k_contract_ids, k.expires_at_ms AS k_expires_at_ms,
    k.last_used_at_ms AS k_last_used_at_ms, k.rate_per_minute AS k_rate_per_minute,
    c.id AS c_id, c.otp_form AS reg_otp_form, u.login_id AS reg_user_login, r.serial AS reg_serial,
    h.seq AS head_seq, h.hash AS head_hash, t.*`;

// tokenRowFor's PostgreSQL query, with the key and the contract chain's head beside it, at one snapshot, for
// each of a batch of requests (q: JSON items {i, k: key hash, c: contract, l: login}). The LIMIT keeps the
// lateral subquery a subquery, run per item with index lookups, rather than a join the planner could make
// a hash join scanning the tables.
const READ = `SELECT q.i AS q_i, x.* FROM jsonb_to_recordset(?::jsonb) AS q(i integer, k text, c text, l text)
  CROSS JOIN LATERAL (SELECT ${VERIFY_READ_COLUMNS}
  FROM (SELECT 1) one
  LEFT JOIN api_keys k ON k.key_hash = q.k AND k.revoked_at_ms IS NULL
  LEFT JOIN contracts c ON c.id = q.c
  LEFT JOIN users u ON u.contract_id = c.id AND u.login_id = q.l
  ${PG_REGISTRATION_THAT_APPLIES}
  LEFT JOIN tokens t ON t.serial = r.serial
  LEFT JOIN audit_heads h ON h.chain = c.id
  LIMIT 1) x`;

/**
 * Reads in flight at once; the requests that arrive meanwhile wait and go in the next read, up to
 * READ_BATCH. Each statement costs node and PostgreSQL about 0.1–0.2 ms of CPU whatever it carries (a
 * round trip over loopback TCP, the executor's start), so under load a read is shared by many requests;
 * alone, a request's read leaves at once.
 */
const READS_IN_FLIGHT = 2;
const READ_BATCH = 64;

const COMMIT = 'SELECT bizotp_verify_commit(?, ?, ?::jsonb, ?::jsonb) AS outcome';
const HEAD = 'SELECT seq, hash FROM audit_heads WHERE chain = ?';
const HEAD_MOVED = 'BZ409';
const ITEM_REFUSED = 'BZ410';

function keyOf(row: SqlRow): HotVerifyRead['key'] {
  if (row.k_name === null || row.k_name === undefined) return undefined;
  return keyFromRow({
    name: row.k_name, key_hash: row.k_key_hash, created_at_ms: row.k_created_at_ms, revoked_at_ms: row.k_revoked_at_ms,
    contract_ids: row.k_contract_ids, expires_at_ms: row.k_expires_at_ms, last_used_at_ms: row.k_last_used_at_ms,
    rate_per_minute: row.k_rate_per_minute,
  });
}

interface ReadRequest {
  readonly apiKeyHash: string;
  readonly contractId: string;
  readonly loginId: string;
  readonly resolve: (read: HotVerifyRead) => void;
  readonly reject: (error: unknown) => void;
}

/** A verify read's row (the key's, the registration's and token's, the head's columns) as the port answers. */
export function readOf(row: SqlRow): HotVerifyRead {
  const head = row.head_seq === null ? undefined : { seq: int(row, 'head_seq'), hash: text(row, 'head_hash') };
  return { key: keyOf(row), target: row.c_id === null ? undefined : tokenRowFromRow(row), head };
}

/** `autocommit` runs each statement as its own transaction (a pool's query, not a checked-out client). */
export function createHotVerify(autocommit: SqlExecutor, auditKeys: AuditKeys | undefined): HotVerifyPort {
  const waiting: ReadRequest[] = [];
  let reading = 0;

  async function readBatch(batch: readonly ReadRequest[]): Promise<void> {
    try {
      const items = batch.map((r, i) => ({ i, k: r.apiKeyHash, c: r.contractId, l: r.loginId }));
      const rows = await autocommit.all(READ, [JSON.stringify(items)]);
      const byItem = new Map(rows.map((row) => [Number(row.q_i), row] as const));
      batch.forEach((r, i) => {
        const row = byItem.get(i);
        if (row === undefined) r.reject(new Error('the verify read returned no row for a request'));
        else r.resolve(readOf(row));
      });
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }

  function pump(): void {
    while (reading < READS_IN_FLIGHT && waiting.length > 0) {
      reading++;
      void readBatch(waiting.splice(0, READ_BATCH)).finally(() => {
        reading--;
        pump();
      });
    }
  }

  return {
    auditKeys,

    read(apiKeyHash: string, contractId: string, loginId: string): Promise<HotVerifyRead> {
      return new Promise((resolve, reject) => {
        waiting.push({ apiKeyHash, contractId, loginId, resolve, reject });
        pump();
      });
    },

    async commit(batch: HotVerifyBatch): Promise<HotVerifyOutcome> {
      // Two jsonb parameters (jsonb_to_recordset in the function): counters travel as decimal strings.
      const items = batch.items.map((it, ord) => ({
        ord, key_hash: it.apiKeyHash, touch_at: it.touch?.atMs ?? null, touch_before: it.touch?.beforeMs ?? null,
        serial: it.serial, counter: it.counter.toString(), drift: it.drift, software: it.software,
        chain: it.entry.chain, seq: it.entry.seq, at_ms: it.entry.atMs, actor: it.entry.actor, action: it.entry.action,
        target: it.entry.target, outcome: it.entry.outcome, detail: it.entry.detail, ip: it.entry.ip,
        prev_hash: it.entry.prevHash, hash: it.entry.hash, key_id: it.entry.keyId ?? null,
      }));
      // Each chain's move: from its first entry's predecessor to its last entry, in chain order (the heads' lock order).
      const moves = new Map<string, { chain: string; from_seq: number; from_hash: string; to_seq: number; to_hash: string }>();
      for (const { entry } of batch.items) {
        const move = moves.get(entry.chain);
        if (move === undefined) moves.set(entry.chain, { chain: entry.chain, from_seq: entry.seq - 1, from_hash: entry.prevHash, to_seq: entry.seq, to_hash: entry.hash });
        else Object.assign(move, { to_seq: entry.seq, to_hash: entry.hash });
      }
      const heads = [...moves.values()].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
      try {
        const row = (await autocommit.all(COMMIT, [batch.status, batch.maxFailures, JSON.stringify(items), JSON.stringify(heads)]))[0];
        if (row?.outcome !== 'committed') throw new Error(`bizotp_verify_commit answered ${String(row?.outcome)}`);
        return { kind: 'committed' };
      } catch (error) {
        const { code, message, detail } = error as { code?: unknown; message?: string; detail?: string };
        if (code === ITEM_REFUSED) return { kind: 'item_refused', index: Number(message), reason: detail === 'key_gone' ? 'key_gone' : 'token_changed' };
        if (code !== HEAD_MOVED || message === undefined) throw error;
        const head = (await autocommit.all(HEAD, [message]))[0];
        return { kind: 'head_moved', chain: message, head: head === undefined ? undefined : { seq: int(head, 'seq'), hash: text(head, 'hash') } };
      }
    },
  };
}
