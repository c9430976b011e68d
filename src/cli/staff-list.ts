// bizotp staff list — the staff members, their roles and states (never a password or a secret).

import { listStaff, staffIsLocked } from '../domain/staff-accounts.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp staff list
  職員の一覧（職員ID、氏名、権限、状態）を表示します。`;

export const staffList: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 0) throw new UsageError(`余分な引数があります: ${parsed.positionals.join(' ')}`);
  const deps = await ctx.open();
  const staff = await listStaff(deps);
  say(ctx.io.stdout, ['職員ID', '氏名', '権限', '状態'].join('\t'));
  for (const s of staff) {
    const state = s.disabled ? '利用停止' : staffIsLocked(s) ? 'ロック中' : s.mustEnrol ? '認証アプリ未登録' : '利用可';
    say(ctx.io.stdout, [s.id, s.name, s.role, state].join('\t'));
  }
  return EXIT_OK;
};
