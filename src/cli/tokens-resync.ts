// bizotp tokens resync SERIAL --operator NAME --reason TEXT  (stdin: two consecutive OTPs, one per line) —
// 同期ズレ補正: exit 0 resynchronised, 1 refused (reason printed), 2 bad input.

import { parseOtp, parseSerial } from '../domain/inputs.ts';
import { RESYNC_LOOKAHEAD_COUNTERS, RESYNC_WINDOW_STEPS, resyncToken } from '../domain/lifecycle/resync-token.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, answer, type Command } from './context.ts';
import { readLines } from './read-secrets.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp tokens resync シリアル番号 --operator 操作者名 --reason 理由
  標準入力からトークンに続けて表示された2つのワンタイムパスワードを1行ずつ読み、時刻・カウンタのずれを補正します
  （時刻型 ±${RESYNC_WINDOW_STEPS}ステップ、イベント型 ${RESYNC_LOOKAHEAD_COUNTERS}回先まで）。2つとも以後は使用できません。
  利用中止（ロック）は解除しません。終了コード: 0 補正済み、1 拒否（理由を表示）、2 入力誤り。
${STAFF_HELP}`;

export const tokensResync: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, STAFF_OPTIONS);
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok || parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const who = staffFromArgs(parsed);
  const lines = await readLines(ctx.io, ['1つ目のワンタイムパスワード', '2つ目のワンタイムパスワード']);
  const [first, second] = [parseOtp(lines[0], 'firstCode'), parseOtp(lines[1], 'secondCode')];
  if (!first.ok) throw new UsageError(`1つ目のワンタイムパスワード: ${explain(first.code)}`);
  if (!second.ok) throw new UsageError(`2つ目のワンタイムパスワード: ${explain(second.code)}`);
  const deps = await ctx.open();
  const r = await resyncToken(deps, who, { serial: serial.value, firstCode: first.value, secondCode: second.value });
  if (r.ok) return answer(ctx.io.stdout, `トークン ${r.serial} のずれを補正しました（ずれ ${r.oldDrift} → ${r.newDrift} ステップ）。`, EXIT_OK);
  const exit = r.code === 'bad_format' || r.code === 'required' || r.code === 'too_long' ? EXIT_USAGE : EXIT_REJECTED;
  return answer(ctx.io.stderr, `拒否しました: ${explain(r.code)}（${r.code}）`, exit);
};
