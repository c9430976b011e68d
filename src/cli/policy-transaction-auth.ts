// bizotp policy transaction-auth [off | all | above AMOUNT --operator NAME --reason TEXT] — 取引認証設定: shows
// the bank's policy, or changes it (audited on the bank chain with the operator and the reason). The console's
// 取引認証設定 asks a second staff member to approve; the CLI is the bank operator's own, like tokens revoke.

import { changeTransactionAuthPolicy, currentTransactionAuthPolicy, describeTransactionAuthPolicy, parseTransactionAuthPolicy } from '../domain/transaction-auth-policy.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, answer, type Command } from './context.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp policy transaction-auth                                   現在の設定を表示します
       bizotp policy transaction-auth off|all|above 金額 --operator 操作者名 --reason 理由
  取引認証（bizotp アプリによる資金移動の取引認証番号）の銀行の設定を変更します。
  off: 使用しない（既定）  all: すべての資金移動  above 金額: 金額（円）を超える資金移動
  ハードウェアトークンと otpauth のソフトウェアトークン、税金・各種料金の払込みは、設定にかかわらずワンタイムパスワードです。
${STAFF_HELP}`;

export const policyTransactionAuth: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, STAFF_OPTIONS);
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const [mode, amount, ...extra] = parsed.positionals;
  if (mode === undefined) {
    const deps = await ctx.open();
    const now = await currentTransactionAuthPolicy(deps);
    const since = now.changedAtMs === 0 ? '初期設定' : `${new Date(now.changedAtMs).toISOString()} ${now.changedBy}`;
    return answer(ctx.io.stdout, `取引認証: ${describeTransactionAuthPolicy(now.policy)}（${since}）`, EXIT_OK);
  }
  const policy = extra.length === 0 ? parseTransactionAuthPolicy(mode, amount) : undefined;
  if (policy === undefined) throw new UsageError('off、all、または above 金額（半角数字、円）を指定してください。');
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const outcome = await changeTransactionAuthPolicy(deps, who, policy);
  const text = outcome === 'changed' ? 'に変更しました。' : 'のままです（変更はありません）。';
  return answer(ctx.io.stdout, `取引認証の設定を「${describeTransactionAuthPolicy(policy)}」${text}`, EXIT_OK);
};
