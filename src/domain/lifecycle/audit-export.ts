// 監査ログ CSV / JSON export. CSV is UTF-8 with a BOM (so Excel opens the Japanese text), RFC 4180 quoting,
// and every cell that a spreadsheet would read as a formula (= + - @, tab or carriage return first) starts
// with a ' (OWASP "CSV Injection"). A first comment line names the chain heads the page was cut from.

import type { AuditEntry } from '../store-ports.ts';
import type { AuditSearchResult } from './search-audit.ts';

const COLUMNS = ['chain', 'seq', 'at', 'actor', 'action', 'target', 'outcome', 'detail', 'ip', 'hash'] as const;

function cell(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

function row(e: AuditEntry): string[] {
  return [e.chain, String(e.seq), new Date(e.atMs).toISOString(), e.actor, e.action, e.target, e.outcome, e.detail, e.ip, e.hash];
}

function headsLine(result: AuditSearchResult): string {
  const heads = Object.entries(result.heads).map(([chain, h]) => `${chain}#${h.seq}:${h.hash}`);
  return `# heads ${heads.join(' ')}; chain check: ${result.problems.length === 0 ? 'ok' : `${result.problems.length} problem(s)`}`;
}

export function auditCsv(result: AuditSearchResult): string {
  const lines = [headsLine(result), COLUMNS.join(','), ...result.entries.map((e) => row(e).map(cell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function auditJson(result: AuditSearchResult): string {
  return `${JSON.stringify(
    {
      heads: result.heads,
      chainCheck: { ok: result.problems.length === 0, problems: result.problems },
      entries: result.entries.map((e) => ({ ...e, at: new Date(e.atMs).toISOString(), detail: JSON.parse(e.detail) as unknown })),
    },
    null,
    2,
  )}\n`;
}
