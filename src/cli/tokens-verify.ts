// bizotp tokens verify SERIAL  (stdin: one OTP) — checks and consumes the code like any use: exit 0 when
// accepted, 1 when rejected, with the reason.

import { appendAudit } from '../domain/audit.ts';
import { parseOtp, parseSerial } from '../domain/inputs.ts';
import { useTokenCode } from '../domain/use-token.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { readLines } from './read-secrets.ts';

export const help = `使い方: bizotp tokens verify シリアル番号
  標準入力からワンタイムパスワードを1行読み、検証して使用済みにします（再利用はできません）。
  終了コード: 0 受理、1 拒否（理由を表示）、2 入力誤り。`;

const REASONS_JA = {
  malformed: 'ワンタイムパスワードの形式が正しくありません',
  invalid: 'ワンタイムパスワードが正しくありません',
  replayed: 'このワンタイムパスワードは既に使用されています',
  locked: 'トークンは利用中止です',
  expired: 'トークンの有効期限が切れています',
  unknown: 'シリアル番号が登録されていないか、利用できない状態です',
} as const;

export const tokensVerify: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok) throw new UsageError(`シリアル番号: ${explain(serial.code)}`);
  const [line] = await readLines(ctx.io, ['ワンタイムパスワード']);
  const otp = parseOtp(line);
  if (!otp.ok) throw new UsageError(`ワンタイムパスワード: ${explain(otp.code)}`);
  const deps = await ctx.open();
  const use = await deps.store.transaction(async (tx) => {
    const nowMs = deps.now();
    const result = await useTokenCode(tx, deps.keyring, nowMs, { serial: serial.value, code: otp.value, purpose: 'payment', statuses: ['in_stock', 'issued', 'registered'] });
    const token = await tx.tokens.get(serial.value);
    await appendAudit(tx, nowMs, {
      chain: token?.contractId ?? 'bank',
      ...BANK_ACTOR,
      action: 'token.verify',
      target: serial.value,
      outcome: result.kind === 'accepted' ? 'accepted' : result.reason,
    });
    return result;
  });
  if (use.kind === 'accepted') {
    say(ctx.io.stdout, `受理しました（シリアル番号 ${use.serial}、ずれ ${use.drift} ステップ）。`);
    return EXIT_OK;
  }
  say(ctx.io.stdout, `拒否しました: ${REASONS_JA[use.reason]}（${use.reason}）${use.lockedNow ? '。トークンを利用中止にしました' : ''}。`);
  return EXIT_REJECTED;
};
