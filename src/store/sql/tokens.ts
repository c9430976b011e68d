// TokenStore over SQL. Counters only ever change through single conditional UPDATEs (store-ports.ts header):
// the WHERE clause carries the old value, and the changed-row count says whether this caller won.
import type { TokenListFilter, TokenStore } from '../../domain/store-ports.ts';
import type { NewToken, TokenRecord, TokenStatus } from '../../domain/token.ts';
import { placeholders } from './placeholders.ts';
import { int, text } from './row.ts';
import type { SqlExecutor, SqlValue } from './sql-executor.ts';
import { TOKEN_INSERT_COLUMNS, tokenFromRow, tokenValues } from './token-row.ts';

/**
 * Rows per INSERT: 500 × 14 columns = 7,000 parameters, well under SQLite's 32,766 and PostgreSQL's 65,535,
 * while a 1,000-token import file still costs only two statements.
 */
const ROWS_PER_INSERT = 500;

const INSERT_HEAD = `INSERT INTO tokens (${TOKEN_INSERT_COLUMNS.join(', ')}) VALUES `;
const ROW_TUPLE = `(${placeholders(TOKEN_INSERT_COLUMNS.length)})`;

async function insertChunk(db: SqlExecutor, chunk: readonly NewToken[]): Promise<string[]> {
  const sql = `${INSERT_HEAD}${new Array<string>(chunk.length).fill(ROW_TUPLE).join(', ')}`
    + ' ON CONFLICT (serial) DO NOTHING RETURNING serial';
  const rows = await db.all(sql, chunk.flatMap(tokenValues));
  const inserted = new Set(rows.map((row) => text(row, 'serial')));
  // Set.delete is true once per inserted serial, so a serial repeated within the batch is reported too.
  return chunk.filter((token) => !inserted.delete(token.serial)).map((token) => token.serial);
}

export function createTokenStore(db: SqlExecutor): TokenStore {
  return {
    async insertBatch(tokens: readonly NewToken[]): Promise<string[]> {
      const existing: string[] = [];
      for (let start = 0; start < tokens.length; start += ROWS_PER_INSERT) {
        existing.push(...(await insertChunk(db, tokens.slice(start, start + ROWS_PER_INSERT))));
      }
      return existing;
    },

    async get(serial: string): Promise<TokenRecord | undefined> {
      const rows = await db.all('SELECT * FROM tokens WHERE serial = ?', [serial]);
      return rows[0] === undefined ? undefined : tokenFromRow(rows[0]);
    },

    async getMany(serials: readonly string[]): Promise<TokenRecord[]> {
      const out: TokenRecord[] = [];
      for (let start = 0; start < serials.length; start += 500) {
        const chunk = serials.slice(start, start + 500);
        const rows = await db.all(`SELECT * FROM tokens WHERE serial IN (${chunk.map(() => '?').join(', ')})`, chunk);
        out.push(...rows.map(tokenFromRow));
      }
      return out;
    },

    async list(filter: TokenListFilter): Promise<TokenRecord[]> {
      const where: string[] = [];
      const params: SqlValue[] = [];
      const add = (condition: string, value: SqlValue): void => {
        where.push(condition);
        params.push(value);
      };
      if (filter.contractId !== undefined) add('contract_id = ?', filter.contractId);
      if (filter.status !== undefined) add('status = ?', filter.status);
      // Keyset pagination; the key columns collate bytewise on both databases (see the migrations).
      if (filter.afterSerial !== undefined) add('serial > ?', filter.afterSerial);
      const clause = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
      const rows = await db.all(`SELECT * FROM tokens${clause} ORDER BY serial LIMIT ?`, [...params, filter.limit]);
      return rows.map(tokenFromRow);
    },

    async count(): Promise<number> {
      const rows = await db.all('SELECT COUNT(*) AS n FROM tokens');
      return rows[0] === undefined ? 0 : int(rows[0], 'n');
    },

    async beginAttempt(serial: string, statuses: readonly TokenStatus[], maxFailures: number, expectedContractId?: string): Promise<TokenRecord | undefined> {
      if (statuses.length === 0) return undefined;
      // One statement: the increment, the limit, the contract the caller expects and the row lock (held until
      // commit) happen together, so at most `maxFailures` parallel attempts ever get a row back, and a token
      // moved to another contract since the caller read it is not touched.
      const contractClause = expectedContractId === undefined ? '' : ' AND contract_id = ?';
      const contractParams: SqlValue[] = expectedContractId === undefined ? [] : [expectedContractId];
      const rows = await db.all(
        `UPDATE tokens SET consecutive_failures = consecutive_failures + 1
         WHERE serial = ? AND status IN (${placeholders(statuses.length)}) AND consecutive_failures < ?${contractClause}
         RETURNING *`,
        [serial, ...statuses, maxFailures, ...contractParams],
      );
      return rows[0] === undefined ? undefined : tokenFromRow(rows[0]);
    },

    async refundAttempt(serial: string): Promise<void> {
      // Conditional, never below zero; only ever called under the row lock beginAttempt took.
      await db.run('UPDATE tokens SET consecutive_failures = consecutive_failures - 1 WHERE serial = ? AND consecutive_failures > 0', [serial]);
    },

    async consume(serial: string, counter: bigint, drift: number, usedAtMs?: number): Promise<boolean> {
      // RFC 6238 §5.2 / NIST 800-63B §5.1.4.2: a code is accepted once, and nothing at or before it after.
      // The old value is in the WHERE clause, never read into JavaScript first: zero rows changed = replay.
      const changed = await db.run(
        `UPDATE tokens SET last_counter = ?, drift = ?, consecutive_failures = 0, last_used_at_ms = COALESCE(?, last_used_at_ms)
         WHERE serial = ? AND (last_counter IS NULL OR last_counter < ?)`,
        [counter, drift, usedAtMs ?? null, serial, counter],
      );
      return changed === 1;
    },

    async consumeIfUsable(serial: string, statuses: readonly TokenStatus[], maxFailures: number, counter: bigint, drift: number, usedAtMs: number, expectedContractId?: string): Promise<boolean> {
      if (statuses.length === 0) return false;
      const contractClause = expectedContractId === undefined ? '' : ' AND contract_id = ?';
      const contractParams: SqlValue[] = expectedContractId === undefined ? [] : [expectedContractId];
      const changed = await db.run(
        `UPDATE tokens SET last_counter = ?, drift = ?, consecutive_failures = 0, last_used_at_ms = ?
         WHERE serial = ? AND status IN (${placeholders(statuses.length)}) AND consecutive_failures < ?
           AND (last_counter IS NULL OR last_counter < ?)${contractClause}`,
        [counter, drift, usedAtMs, serial, ...statuses, maxFailures, counter, ...contractParams],
      );
      return changed === 1;
    },

    async transition(serial: string, from: readonly TokenStatus[], to: TokenStatus, contractId?: string | null): Promise<boolean> {
      if (from.length === 0) return false;
      const setContract = contractId === undefined ? '' : ', contract_id = ?';
      const params: SqlValue[] = contractId === undefined ? [to] : [to, contractId];
      const changed = await db.run(
        `UPDATE tokens SET status = ?${setContract} WHERE serial = ? AND status IN (${placeholders(from.length)})`,
        [...params, serial, ...from],
      );
      return changed === 1;
    },

    async resetFailures(serial: string): Promise<void> {
      await db.run('UPDATE tokens SET consecutive_failures = 0 WHERE serial = ?', [serial]);
    },

    async existingSerials(serials: readonly string[]): Promise<string[]> {
      const found: string[] = [];
      // One statement after the other: never two queries at once on one transaction (PostgreSQL).
      for (let start = 0; start < serials.length; start += ROWS_PER_INSERT) {
        const chunk = serials.slice(start, start + ROWS_PER_INSERT);
        const rows = await db.all(`SELECT serial FROM tokens WHERE serial IN (${placeholders(chunk.length)}) ORDER BY serial`, chunk);
        found.push(...rows.map((row) => text(row, 'serial')));
      }
      return found;
    },
  };
}
