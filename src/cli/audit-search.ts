// bizotp audit search [filters] [--format table|csv|json] — 監査ログ検索, newest first, with the chain check.

import { parseContractId, parseLoginId, parseSerial } from '../domain/inputs.ts';
import { auditCsv, auditJson } from '../domain/lifecycle/audit-export.ts';
import { MAX_AUDIT_PAGE, searchAudit, type AuditQuery } from '../domain/lifecycle/search-audit.ts';
import { parseCommandArgs, stringOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { jst, printTable } from './table.ts';

export const help = `使い方: bizotp audit search [--contract ご契約先ID] [--serial シリアル番号] [--user 利用者ID] [--staff 操作者名]
    [--action 操作] [--outcome 結果] [--since 日付] [--until 日付] [--limit 件数] [--offset 件数] [--format table|csv|json]
  監査ログを新しい順に検索します。日付は YYYY-MM-DD（日本時間のその日の0時）または ISO 8601 の日時。--until はその時点を含みません
  （日付だけなら、その日の終わりまで）。csv は UTF-8（BOM付き）。検索結果の属するチェーンの検証結果も表示し、
  改ざんが見つかれば終了コード 1 です。`;

const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** A date (Japan's day) or an ISO 8601 date-time; `endOfDay` makes a bare date mean the end of that day. */
export function parseWhen(raw: string, option: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (day !== null) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) - JST_OFFSET_MS;
    if (Number.isNaN(ms) || new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10) !== raw) throw new UsageError(`--${option}: 日付が正しくありません。`);
    return endOfDay ? ms + DAY_MS : ms;
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--${option}: YYYY-MM-DD または ISO 8601 の日時で指定してください。`);
  return ms;
}

function checked<T>(result: { ok: true; value: string } | { ok: false }, option: string, wrap: (v: string) => T): T {
  if (!result.ok) throw new UsageError(`--${option} が正しくありません。`);
  return wrap(result.value);
}

export const auditSearchCommand: Command = async (args, ctx) => {
  const opts = ['contract', 'serial', 'user', 'staff', 'action', 'outcome', 'since', 'until', 'limit', 'offset', 'format'] as const;
  const parsed = parseCommandArgs(args, Object.fromEntries(opts.map((o) => [o, { type: 'string' as const }])));
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 0) throw new UsageError('位置引数は指定できません。');
  const get = (o: (typeof opts)[number]): string | undefined => stringOption(parsed, o);
  const format = get('format') ?? 'table';
  if (format !== 'table' && format !== 'csv' && format !== 'json') throw new UsageError('--format は table、csv、json のいずれかです。');
  const limit = Number(get('limit') ?? '100');
  const offset = Number(get('offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) throw new UsageError(`--limit は1〜${MAX_AUDIT_PAGE}の整数です。`);
  if (!Number.isInteger(offset) || offset < 0) throw new UsageError('--offset は0以上の整数です。');
  const contract = get('contract');
  const serial = get('serial');
  const user = get('user');
  const since = get('since');
  const until = get('until');
  const query: AuditQuery = {
    limit,
    offset,
    ...(contract === undefined ? {} : checked(parseContractId(contract), 'contract', (contractId) => ({ contractId }))),
    ...(serial === undefined ? {} : checked(parseSerial(serial), 'serial', (s) => ({ serial: s }))),
    ...(user === undefined ? {} : checked(parseLoginId(user), 'user', (loginId) => ({ loginId }))),
    ...(get('staff') === undefined ? {} : { staff: get('staff') }),
    ...(get('action') === undefined ? {} : { action: get('action') }),
    ...(get('outcome') === undefined ? {} : { outcome: get('outcome') }),
    ...(since === undefined ? {} : { sinceMs: parseWhen(since, 'since', false) }),
    ...(until === undefined ? {} : { untilMs: parseWhen(until, 'until', true) }),
  };
  const deps = await ctx.open();
  const result = await searchAudit(deps, query);
  const exit = result.problems.length === 0 ? EXIT_OK : EXIT_REJECTED;
  if (format === 'csv') {
    ctx.io.stdout.write(auditCsv(result));
    return exit;
  }
  if (format === 'json') {
    ctx.io.stdout.write(auditJson(result));
    return exit;
  }
  printTable(
    ctx.io.stdout,
    ['日時', 'チェーン', '番号', '操作者', '操作', '対象', '結果', '詳細'],
    result.entries.map((e) => [jst(e.atMs), e.chain, String(e.seq), e.actor, e.action, e.target, e.outcome, e.detail]),
  );
  say(ctx.io.stdout, `${result.entries.length}件。チェーン検証: ${result.problems.length === 0 ? '改ざんなし' : result.problems.map((p) => p.message).join('; ')}`);
  return exit;
};
