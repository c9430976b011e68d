// AuditStore over SQL: one hash chain per contract (and one for the bank). The head row is the chain's
// lock, taken last in a transaction (store-ports.ts lock order), so parallel appends get seq 1, 2, 3… with no
// gap or fork.
import type { AuditKeys } from '../../domain/audit-keys.ts';
import type { AuditEntry, AuditHead, AuditStore } from '../../domain/store-ports.ts';
import { int, text, textOrNull } from './row.ts';
import type { SqlExecutor, SqlRow } from './sql-executor.ts';

export function entryFromRow(row: SqlRow): AuditEntry {
  return {
    chain: text(row, 'chain'),
    seq: int(row, 'seq'),
    atMs: int(row, 'at_ms'),
    actor: text(row, 'actor'),
    action: text(row, 'action'),
    target: text(row, 'target'),
    outcome: text(row, 'outcome'),
    detail: text(row, 'detail'),
    ip: text(row, 'ip'),
    prevHash: text(row, 'prev_hash'),
    hash: text(row, 'hash'),
    ...keyIdOfRow(row),
  };
}

/** key_id (migration 9) is NULL for entries written before the audit key: the field is then absent. */
function keyIdOfRow(row: SqlRow): { keyId?: string } {
  const keyId = textOrNull(row, 'key_id');
  return keyId === null ? {} : { keyId };
}

// The chains in the log without reading every row: one index probe per chain (a loose index scan over
// the primary key), plus heads past 0 whose entries may all be gone.
const LOGGED_CHAINS = `WITH RECURSIVE logged(chain) AS (
    SELECT MIN(chain) FROM audit_log
    UNION ALL
    SELECT (SELECT MIN(a.chain) FROM audit_log a WHERE a.chain > logged.chain) FROM logged WHERE logged.chain IS NOT NULL
  )
  SELECT chain FROM logged WHERE chain IS NOT NULL
  UNION
  SELECT chain FROM audit_heads WHERE seq > 0
  ORDER BY chain`;

// PostgreSQL: append's two writes in one round trip (the head's move and the entry, or neither).
const APPEND_PG = `WITH moved AS (
    UPDATE audit_heads SET seq = ?, hash = ? WHERE chain = ? AND seq = ? AND hash = ? RETURNING chain
  )
  INSERT INTO audit_log (chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash, key_id)
  SELECT ?::text, ?::bigint, ?::bigint, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text FROM moved`;

export function createAuditStore(db: SqlExecutor, keys?: AuditKeys): AuditStore {
  // PostgreSQL locks the head row until commit; SQLite needs nothing more, BEGIN IMMEDIATE already holds the
  // database's only write lock.
  const selectHead = `SELECT seq, hash FROM audit_heads WHERE chain = ?${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`;

  return {
    keys,

    async lockHead(chain: string): Promise<AuditHead> {
      let rows = await db.all(selectHead, [chain]);
      if (rows[0] === undefined) {
        // A new chain: whoever inserts first wins; a parallel insert waits for it, then reads its head.
        await db.run(`INSERT INTO audit_heads (chain, seq, hash) VALUES (?, 0, '') ON CONFLICT (chain) DO NOTHING`, [chain]);
        rows = await db.all(selectHead, [chain]);
      }
      if (rows[0] === undefined) throw new Error(`audit chain ${chain}: head missing after insert`);
      return { seq: int(rows[0], 'seq'), hash: text(rows[0], 'hash') };
    },

    async append(entry: AuditEntry): Promise<void> {
      if (db.dialect === 'postgres') {
        // One statement: the head moves from the entry's predecessor and the entry is inserted only if it did.
        const inserted = await db.run(APPEND_PG, [entry.seq, entry.hash, entry.chain, entry.seq - 1, entry.prevHash,
          entry.chain, entry.seq, entry.atMs, entry.actor, entry.action, entry.target, entry.outcome, entry.detail,
          entry.ip, entry.prevHash, entry.hash, entry.keyId ?? null]);
        if (inserted !== 1) throw new Error(`audit chain ${entry.chain}: entry ${entry.seq} does not follow the locked head`);
        return;
      }
      await db.run(
        `INSERT INTO audit_log (chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash, key_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [entry.chain, entry.seq, entry.atMs, entry.actor, entry.action, entry.target, entry.outcome, entry.detail,
          entry.ip, entry.prevHash, entry.hash, entry.keyId ?? null],
      );
      // The head moves only from the entry's predecessor: an entry built from a stale head is a bug, so it
      // throws (and the transaction rolls back) rather than forking the chain.
      const moved = await db.run(
        'UPDATE audit_heads SET seq = ?, hash = ? WHERE chain = ? AND seq = ? AND hash = ?',
        [entry.seq, entry.hash, entry.chain, entry.seq - 1, entry.prevHash],
      );
      if (moved !== 1) throw new Error(`audit chain ${entry.chain}: entry ${entry.seq} does not follow the locked head`);
    },

    async entries(chain?: string): Promise<AuditEntry[]> {
      const rows = chain === undefined
        ? await db.all('SELECT * FROM audit_log ORDER BY chain, seq')
        : await db.all('SELECT * FROM audit_log WHERE chain = ? ORDER BY seq', [chain]);
      return rows.map(entryFromRow);
    },

    async page(chain: string, afterSeq: number, limit: number): Promise<AuditEntry[]> {
      const rows = await db.all('SELECT * FROM audit_log WHERE chain = ? AND seq > ? ORDER BY seq LIMIT ?', [chain, afterSeq, limit]);
      return rows.map(entryFromRow);
    },

    async loggedChains(): Promise<string[]> {
      return (await db.all(LOGGED_CHAINS)).map((row) => text(row, 'chain'));
    },

    async head(chain: string): Promise<AuditHead | undefined> {
      const row = (await db.all('SELECT seq, hash FROM audit_heads WHERE chain = ?', [chain]))[0];
      return row === undefined ? undefined : { seq: int(row, 'seq'), hash: text(row, 'hash') };
    },

    async chains(): Promise<string[]> {
      // A head at seq 0 was locked but never written to: not a chain yet.
      const rows = await db.all('SELECT chain FROM audit_heads WHERE seq > 0 ORDER BY chain');
      return rows.map((row) => text(row, 'chain'));
    },
  };
}
