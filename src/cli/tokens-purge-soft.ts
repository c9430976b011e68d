// bizotp tokens purge-soft --operator NAME --reason TEXT — removes the app soft tokens nobody will use: those
// whose activation was not confirmed within 10 minutes, and active ones no administrator registered within 30
// days. The server's scheduler does the same every minute; each removal is audited on the bank's chain.

import { purgeSoftTokens } from '../domain/soft-token/purge-soft-tokens.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, answer, type Command } from './context.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp tokens purge-soft --operator 操作者名 --reason 理由
  アプリで有効化したソフトウェアトークンのうち、10分以内に有効化が完了しなかったものと、
  有効化後30日以内にどのご契約先にも利用登録されなかったものを削除します（serve も毎分実行します）。
${STAFF_HELP}`;

export const tokensPurgeSoft: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { ...STAFF_OPTIONS });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length !== 0) throw new UsageError('引数は指定できません。');
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const counts = await purgeSoftTokens(deps, { actor: who.actor, ip: who.ip, reason: who.reason });
  return answer(ctx.io.stdout, `ソフトウェアトークンを削除しました（有効化未完了 ${counts.pending}件、未登録 ${counts.active}件）。`, EXIT_OK);
};
