// bizotp users list --contract ID [--json] — the contract's users: lock state, token, last successful OTP.

import { parseContractId } from '../domain/inputs.ts';
import { contractDetail } from '../domain/lifecycle/contract-detail.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, type Command } from './context.ts';
import { jst, printTable, toJson } from './table.ts';

export const help = `使い方: bizotp users list --contract ご契約先ID [--json]
  ご契約先の利用者（状態、登録トークンのシリアル番号、最後にワンタイムパスワードで認証された日時）を表示します。`;

export const usersList: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' }, json: { type: 'boolean' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const id = parseContractId(requireOption(parsed, 'contract'));
  if (!id.ok) throw new UsageError(`--contract: ${explain(id.code)}（11桁の数字）`);
  const deps = await ctx.open();
  const d = await contractDetail(deps, id.value);
  if (!d.ok) return answer(ctx.io.stderr, explain(d.code), EXIT_REJECTED);
  if (parsed.values.json === true) return answer(ctx.io.stdout, toJson(d.users), EXIT_OK);
  printTable(
    ctx.io.stdout,
    ['利用者ID', '利用者名', '状態', '誤り回数', 'シリアル番号', '最終OTP利用'],
    d.users.map((u) => [u.loginId, u.name, u.login.locked ? 'ロック中' : '正常', String(u.login.failures), u.serial ?? '-', jst(u.lastOtpAtMs)]),
  );
  return EXIT_OK;
};
