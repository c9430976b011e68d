// bizotp demo — loads the demo contract, users and tokens into an empty database (product.md §7).

import { loadDemoData } from '../demo-data.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp demo
  空のデータベースにデモ用のご契約先・利用者・トークンを作成します。既にデータがある場合は何もしません。`;

export const demo: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open({ migrate: true });
  if (!(await loadDemoData(deps))) {
    say(ctx.io.stderr, 'データベースが空ではないため、デモデータは作成しませんでした。');
    return EXIT_REJECTED;
  }
  say(ctx.io.stdout, 'デモデータを作成しました。');
  return EXIT_OK;
};
