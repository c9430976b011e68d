// Human-readable output of the read verbs: aligned columns (full-width characters count as two), times in
// Japan time, and JSON that carries bigints as strings.

import type { Writable } from 'node:stream';
import { say } from './context.ts';

const JST_OFFSET_MS = 9 * 3_600_000;

/** 2026-11-24 18:00:00 (JST has no daylight saving, so a fixed +9 h is exact). */
export function jst(ms: number | null): string {
  if (ms === null) return '-';
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

export function printTable(out: Writable, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c)))).join('  ').trimEnd();
  say(out, line(header));
  for (const r of rows) say(out, line(r));
}

/** Label / value pairs, one per line. */
export function printFields(out: Writable, fields: readonly (readonly [string, string])[]): void {
  printTable(out, ['項目', '値'], fields);
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
