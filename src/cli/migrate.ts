// bizotp migrate — applies pending schema migrations: the only command besides the demo that changes the
// schema (serve refuses a database that is behind). Run it once, before starting new code.

import { parseCommandArgs } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp migrate
  データベースのスキーマを最新にします（BIZOTP_DATABASE_URL）。`;

export const migrate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open({ migrate: true });
  say(ctx.io.stdout, `データベースは最新です（${deps.store.dialect}）。`);
  return EXIT_OK;
};
