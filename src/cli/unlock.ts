// bizotp unlock --contract ID (--pin | --admin | --user 利用者ID | --token SERIAL)
// Only the bank lifts the ご契約先確認暗証番号's and the admin login's locks (product.md §2); it may also
// lift a user's or a token's, which is otherwise the administrator's 「利用中止解除」.

import { parseContractId, parseLoginId, parseSerial } from '../domain/inputs.ts';
import { liftLock, type LockTarget } from '../domain/lift-lock.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, stringOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp unlock --contract ご契約先ID (--pin | --admin | --user 利用者ID | --token シリアル番号)
  --pin    ご契約先確認暗証番号の利用停止を解除します。
  --admin  管理者ログインの停止を解除します。
  --user   利用者のログイン停止と利用者確認暗証番号の利用停止を解除します。
  --token  トークンの利用中止を解除します。`;

export const unlock: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' }, pin: { type: 'boolean' }, admin: { type: 'boolean' }, user: { type: 'string' }, token: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const contract = parseContractId(requireOption(parsed, 'contract'));
  if (!contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}（11桁の数字）`);
  const user = stringOption(parsed, 'user');
  const token = stringOption(parsed, 'token');
  const chosen = [parsed.values.pin === true, parsed.values.admin === true, user !== undefined, token !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('--pin、--admin、--user、--token のいずれか1つを指定してください。');
  let target: LockTarget;
  if (parsed.values.pin === true) target = { contractId: contract.value, kind: 'confirm_pin' };
  else if (parsed.values.admin === true) target = { contractId: contract.value, kind: 'admin_login' };
  else if (user !== undefined) {
    const login = parseLoginId(user);
    if (!login.ok) throw new UsageError(`--user: ${explain(login.code)}`);
    target = { contractId: contract.value, kind: 'user', loginId: login.value };
  } else {
    const serial = parseSerial(token);
    if (!serial.ok) throw new UsageError(`--token: ${explain(serial.code)}`);
    target = { contractId: contract.value, kind: 'token', serial: serial.value };
  }
  const deps = await ctx.open();
  const result = await deps.store.transaction((tx) => liftLock(tx, BANK_ACTOR, deps.now(), target));
  if (!result.ok) return answer(ctx.io.stderr, explain(result.code), EXIT_REJECTED);
  say(ctx.io.stdout, '解除しました。');
  return EXIT_OK;
};
