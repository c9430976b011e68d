// bizotp serve — serves the web screens and the API. It never creates demo data, so a bank's database
// never holds the demo's known secrets (product.md §7); `bizotp start` (npm start) loads them first.

import { loadDemoData } from '../demo-data.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';

export const serveHelp = `使い方: bizotp serve
  画面とAPIを http://localhost:PORT で提供します（既定 3000）。デモデータは作成しません。`;

export const startHelp = `使い方: bizotp start
  空のデータベースにデモデータを入れてから、画面とAPIを提供します（npm start）。`;

export const serve: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, serveHelp, EXIT_OK);
  await ctx.serve(await ctx.open());
  return EXIT_OK;
};

export const start: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, startHelp, EXIT_OK);
  const deps = await ctx.open();
  const loaded = await loadDemoData(deps);
  if (loaded) say(ctx.io.stdout, 'デモデータを作成しました（README の「デモ」を参照）。');
  await ctx.serve(deps);
  return EXIT_OK;
};
