// bizotp contracts create --id ID --name NAME  (stdin: ご契約先暗証番号, ご契約先確認暗証番号)

import { createContract } from '../domain/contracts.ts';
import { parseContractId, parseName, parseSecret } from '../domain/inputs.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { readLines } from './read-secrets.ts';

export const help = `使い方: bizotp contracts create --id ご契約先ID --name ご契約先名
  標準入力から2行を読みます: ご契約先暗証番号（管理者ログイン用）、ご契約先確認暗証番号。
  暗証番号は英字と数字を両方含む6〜12桁です。`;

export const contractsCreate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { id: { type: 'string' }, name: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const id = parseContractId(requireOption(parsed, 'id'));
  if (!id.ok) throw new UsageError(`--id: ${explain(id.code)}（11桁の数字）`);
  const name = parseName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}`);
  const [adminPassword, confirmPin] = await readLines(ctx.io, ['ご契約先暗証番号', 'ご契約先確認暗証番号']);
  const pw = parseSecret(adminPassword, 'adminPassword');
  if (!pw.ok) throw new UsageError(`ご契約先暗証番号: ${explain(pw.code)}`);
  const pin = parseSecret(confirmPin, 'confirmPin');
  if (!pin.ok) throw new UsageError(`ご契約先確認暗証番号: ${explain(pin.code)}`);
  const deps = await ctx.open();
  const result = await createContract(deps, BANK_ACTOR, { id: id.value, name: name.value, adminPassword: pw.value, confirmPin: pin.value });
  if (!result.ok) return answer(ctx.io.stderr, explain(result.code), EXIT_REJECTED);
  say(ctx.io.stdout, `ご契約先 ${id.value}（${name.value}）を登録しました。`);
  return EXIT_OK;
};
