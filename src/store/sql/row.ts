// Row-mapping helpers: the two drivers return the same columns as different JavaScript types
// (pg: int8 as string, boolean as boolean, bytea as Buffer; node:sqlite: integers as bigint because
// readBigInts is on, booleans as 0/1, blobs as Uint8Array). Each helper accepts all of them and throws on
// anything else: a value outside the schema is a broken assumption, not a result.
import type { SqlRow } from './sql-executor.ts';

function fail(column: string, value: unknown, expected: string): never {
  throw new TypeError(`column ${column}: expected ${expected}, got ${typeof value}`);
}

export function text(row: SqlRow, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : fail(column, value, 'text');
}

export function textOrNull(row: SqlRow, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** 64-bit counters: exact, whatever the driver returned. */
export function big(row: SqlRow, column: string): bigint {
  const value = row[column];
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return fail(column, value, 'integer');
}

export function bigOrNull(row: SqlRow, column: string): bigint | null {
  return row[column] === null ? null : big(row, column);
}

/** Small integers and millisecond timestamps; refuses values a number cannot hold exactly. */
export function int(row: SqlRow, column: string): number {
  const value = big(row, column);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    return fail(column, value, 'a safe integer');
  }
  return Number(value);
}

export function intOrNull(row: SqlRow, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}

export function bool(row: SqlRow, column: string): boolean {
  const value = row[column];
  if (value === true || value === 1 || value === 1n) return true;
  if (value === false || value === 0 || value === 0n) return false;
  return fail(column, value, 'boolean');
}

/** A plain Uint8Array (not a Buffer), so records compare equal whichever driver produced them. */
export function bytes(row: SqlRow, column: string): Uint8Array {
  const value = row[column];
  return value instanceof Uint8Array ? new Uint8Array(value) : fail(column, value, 'bytes');
}

/** A value from a closed vocabulary (a status, a form): the schema's CHECK should make failure impossible. */
export function oneOf<T extends string>(row: SqlRow, column: string, allowed: readonly T[]): T {
  const value = text(row, column);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new TypeError(`column ${column}: expected one of ${allowed.join('|')}, got ${JSON.stringify(value)}`);
}

/** Booleans as parameters: 0/1 is what SQLite stores and what PostgreSQL's boolean input accepts. */
export function flag(value: boolean): number {
  return value ? 1 : 0;
}
