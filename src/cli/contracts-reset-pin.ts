// bizotp contracts reset-pin ID (--admin-password | --confirm-pin) [--user LOGIN (--password | --confirm-pin)]
//   --operator NAME --reason TEXT
// 暗証番号再発行 (reset-credential.ts): prints the one-time initial value once, alone on stdout, for the
// operator to hand to the customer; the customer must change it at its next use.

import type { CredentialTarget } from '../domain/credential-target.ts';
import { parseContractId, parseLoginId } from '../domain/inputs.ts';
import { resetCredential } from '../domain/reset-credential.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, stringOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp contracts reset-pin ご契約先ID (--admin-password | --confirm-pin) --operator 職員名 --reason 理由
       bizotp contracts reset-pin ご契約先ID --user 利用者ID (--password | --confirm-pin) --operator 職員名 --reason 理由
  暗証番号を再発行します。1回限りの初期暗証番号を標準出力に1度だけ表示します（保存も記録もされません）。
  お客さまは次回の利用時に初期暗証番号を変更する必要があります。ロックは解除され、ログイン中の画面は終了します。
  --admin-password  管理者のご契約先暗証番号
  --confirm-pin     ご契約先確認暗証番号（--user と共に指定したときは利用者確認暗証番号）
  --user            利用者ID（--password で利用者暗証番号、--confirm-pin で利用者確認暗証番号）
  --operator        操作する職員名（監査ログに記録）
  --reason          理由（監査ログに記録）`;

function targetOf(contractId: string, user: string | undefined, flags: { adminPassword: boolean; password: boolean; confirmPin: boolean }): CredentialTarget {
  if (user === undefined) {
    if (flags.password) throw new UsageError('--password は --user と共に指定してください。');
    if (flags.adminPassword === flags.confirmPin) throw new UsageError('--admin-password か --confirm-pin のどちらか1つを指定してください。');
    return { kind: flags.adminPassword ? 'admin_password' : 'confirm_pin', contractId };
  }
  const login = parseLoginId(user);
  if (!login.ok) throw new UsageError(`--user: ${explain(login.code)}`);
  if (flags.adminPassword) throw new UsageError('--admin-password は --user と共に指定できません。');
  if (flags.password === flags.confirmPin) throw new UsageError('--user には --password か --confirm-pin のどちらか1つを指定してください。');
  return { kind: flags.password ? 'user_password' : 'user_confirm_pin', contractId, loginId: login.value };
}

export const contractsResetPin: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {
    'admin-password': { type: 'boolean' },
    'confirm-pin': { type: 'boolean' },
    password: { type: 'boolean' },
    user: { type: 'string' },
    ...STAFF_OPTIONS,
  });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length !== 1) throw new UsageError('ご契約先IDを1つ指定してください。');
  const contract = parseContractId(parsed.positionals[0]);
  if (!contract.ok) throw new UsageError(`ご契約先ID: ${explain(contract.code)}（11桁の数字）`);
  const target = targetOf(contract.value, stringOption(parsed, 'user'), {
    adminPassword: parsed.values['admin-password'] === true,
    password: parsed.values.password === true,
    confirmPin: parsed.values['confirm-pin'] === true,
  });
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const result = await resetCredential(deps, who, target);
  if (!result.ok) return answer(ctx.io.stderr, explain(result.code), EXIT_REJECTED);
  say(ctx.io.stderr, '暗証番号を再発行しました。次の初期暗証番号をお客さまにお伝えください（再表示はできません）。');
  say(ctx.io.stdout, result.initialValue);
  return EXIT_OK;
};
