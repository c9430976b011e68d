// Long lists as one value: a 99-user list has some 700 column values, and both drivers spend far more making
// each of them (a row object per row, a property and a bigint or a parsed string per column) than
// JSON.parse spends on the same values aggregated into one JSON text by the database.
import type { SqlDialect, SqlRow } from './sql-executor.ts';

/**
 * An expression that aggregates `values` (a comma-separated list of expressions) of every row into one JSON
 * array of arrays, ordered by `orderBy`; `[]` when there is no row.
 */
export function jsonRowsOf(dialect: SqlDialect, values: string, orderBy: string): string {
  return dialect === 'postgres'
    ? `COALESCE(json_agg(json_build_array(${values}) ORDER BY ${orderBy}), '[]'::json)`
    : `json_group_array(json_array(${values}) ORDER BY ${orderBy})`;
}

/** The arrays of a `jsonRowsOf` column: pg has parsed the JSON already, node:sqlite hands over its text. */
export function jsonRows(row: SqlRow, column: string): unknown[][] {
  const value = row[column];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed) || !parsed.every(Array.isArray)) throw new TypeError(`column ${column}: expected a JSON array of arrays`);
  return parsed;
}

function fail(what: string, value: unknown): never {
  throw new TypeError(`JSON value: expected ${what}, got ${JSON.stringify(value)}`);
}

export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : fail('text', value);
}

export function jsonTextOrNull(value: unknown): string | null {
  return value === null ? null : jsonText(value);
}

/** Integers up to 2^53 (counts, millisecond times) are exact as JSON numbers. */
export function jsonInt(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fail('a safe integer', value);
}

export function jsonIntOrNull(value: unknown): number | null {
  return value === null ? null : jsonInt(value);
}

/** SQLite's 0/1 or PostgreSQL's boolean. */
export function jsonBool(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  return fail('a boolean', value);
}

export function jsonOneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : fail(allowed.join('|'), value);
}
