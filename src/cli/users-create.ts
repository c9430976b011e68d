// bizotp users create --contract ID --login 利用者ID --name 利用者名 [--no-transfer] [--no-tax]
// (stdin: 利用者暗証番号, 利用者確認暗証番号)

import { parseContractId, parseLoginId, parseName, parseSecret } from '../domain/inputs.ts';
import { createUser, hashUserSecrets } from '../domain/users.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { readLines } from './read-secrets.ts';

export const help = `使い方: bizotp users create --contract ご契約先ID --login 利用者ID --name 利用者名 [--no-transfer] [--no-tax]
  標準入力から2行を読みます: 利用者暗証番号、利用者確認暗証番号（英字と数字を両方含む6〜12桁）。
  --no-transfer: 資金移動の権限を付けません。 --no-tax: 税金各種料金払込みの権限を付けません。`;

export const usersCreate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {
    contract: { type: 'string' },
    login: { type: 'string' },
    name: { type: 'string' },
    'no-transfer': { type: 'boolean' },
    'no-tax': { type: 'boolean' },
  });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const contract = parseContractId(requireOption(parsed, 'contract'));
  if (!contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}（11桁の数字）`);
  const login = parseLoginId(requireOption(parsed, 'login'));
  if (!login.ok) throw new UsageError(`--login: ${explain(login.code)}（半角英数字30桁以内）`);
  const name = parseName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}`);
  const [password, confirmPin] = await readLines(ctx.io, ['利用者暗証番号', '利用者確認暗証番号']);
  const pw = parseSecret(password, 'password');
  if (!pw.ok) throw new UsageError(`利用者暗証番号: ${explain(pw.code)}`);
  const pin = parseSecret(confirmPin, 'confirmPin');
  if (!pin.ok) throw new UsageError(`利用者確認暗証番号: ${explain(pin.code)}`);
  const deps = await ctx.open();
  const hashes = await hashUserSecrets({ password: pw.value, confirmPin: pin.value }, deps.hashCost);
  const result = await deps.store.transaction((tx) =>
    createUser(tx, BANK_ACTOR, deps.now(), contract.value, {
      loginId: login.value,
      name: name.value,
      canTransfer: parsed.values['no-transfer'] !== true,
      canPayTax: parsed.values['no-tax'] !== true,
      ...hashes,
    }),
  );
  if (!result.ok) return answer(ctx.io.stderr, explain(result.code), EXIT_REJECTED);
  say(ctx.io.stdout, `利用者 ${login.value}（${name.value}）を登録しました。`);
  return EXIT_OK;
};
