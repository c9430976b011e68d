// bizotp staff disable ID --operator NAME --reason TEXT  and  bizotp staff unlock ID --operator NAME --reason TEXT

import type { Failure } from '../domain/error-codes.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { parseName } from '../domain/inputs.ts';
import { disableStaff, unlockStaff } from '../domain/staff-accounts.ts';
import { staffActor, type StaffActor } from '../domain/staff-actor.ts';
import { parseReason, parseStaffId } from '../domain/staff-inputs.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, type Command } from './context.ts';

export const disableHelp = `使い方: bizotp staff disable 職員ID --operator 操作者名 --reason 理由
  職員を利用停止にし、ログイン中のセッションを終了します。`;
export const unlockHelp = `使い方: bizotp staff unlock 職員ID --operator 操作者名 --reason 理由
  パスワードまたはワンタイムパスワードの誤入力によるロックを解除します。`;

function staffCommand(help: string, done: string, act: (deps: DomainDeps, who: StaffActor, id: string) => Promise<{ ok: true } | Failure>): Command {
  return async (args, ctx) => {
    const parsed = parseCommandArgs(args, { operator: { type: 'string' }, reason: { type: 'string' } });
    if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
    if (parsed.positionals.length !== 1) throw new UsageError('職員IDを1つ指定してください。');
    const id = parseStaffId(parsed.positionals[0]);
    if (!id.ok) throw new UsageError(`職員ID: ${explain(id.code)}`);
    const operator = parseName(requireOption(parsed, 'operator'), 'operator');
    if (!operator.ok) throw new UsageError(`--operator: ${explain(operator.code)}`);
    const reason = parseReason(requireOption(parsed, 'reason'));
    if (!reason.ok) throw new UsageError(`--reason: ${explain(reason.code)}`);
    const deps = await ctx.open();
    const result = await act(deps, staffActor(operator.value, reason.value, 'cli'), id.value);
    if (!result.ok) return answer(ctx.io.stderr, explain(result.code), EXIT_REJECTED);
    return answer(ctx.io.stdout, `職員 ${id.value} ${done}`, EXIT_OK);
  };
}

export const staffDisable: Command = staffCommand(disableHelp, 'を利用停止にしました。', disableStaff);
export const staffUnlock: Command = staffCommand(unlockHelp, 'のロックを解除しました。', unlockStaff);
