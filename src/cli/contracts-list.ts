// bizotp contracts list [QUERY] [--page N] [--json] — 契約先検索: by ご契約先ID prefix or name substring.

import { listContracts } from '../domain/lifecycle/list-contracts.ts';
import { parseCommandArgs, stringOption, UsageError } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';
import { printTable, toJson } from './table.ts';

export const help = `使い方: bizotp contracts list [検索語] [--page 番号] [--size 件数] [--json]
  ご契約先IDの前方一致、またはご契約先名の部分一致で検索します（検索語なしで全件）。`;

const FORM_JA = { none: '未設定', per_user: '利用者ごと', shared: '全利用者共通' } as const;

export const contractsList: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { page: { type: 'string' }, size: { type: 'string' }, json: { type: 'boolean' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 1) throw new UsageError('検索語は1つです。');
  const page = Number(stringOption(parsed, 'page') ?? '1');
  const size = Number(stringOption(parsed, 'size') ?? '50');
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page は1以上の整数です。');
  if (!Number.isInteger(size) || size < 1 || size > 200) throw new UsageError('--size は1〜200の整数です。');
  const deps = await ctx.open();
  const list = await listContracts(deps, parsed.positionals[0] ?? '', { number: page, size });
  if (parsed.values.json === true) return answer(ctx.io.stdout, toJson(list), EXIT_OK);
  printTable(
    ctx.io.stdout,
    ['ご契約先ID', 'ご契約先名', '利用形態', '利用者数', 'トークン数'],
    list.rows.map((c) => [c.id, c.name, FORM_JA[c.otpForm], String(c.userCount), String(c.tokenCount)]),
  );
  say(ctx.io.stdout, `${list.total}件中 ${list.rows.length}件（${list.page.number}ページ目）`);
  return EXIT_OK;
};
