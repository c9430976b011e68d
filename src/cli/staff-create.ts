// bizotp staff create --name NAME --role viewer|operator|approver [--id 職員ID]   (stdin: initial password)
// The staff member enrols the authenticator at the first login to the console (/bank/login).

import { parseName } from '../domain/inputs.ts';
import { createStaff } from '../domain/staff-accounts.ts';
import { MIN_STAFF_PASSWORD_LENGTH, parseStaffId, parseStaffPassword, parseStaffRole } from '../domain/staff-inputs.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, stringOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { readLines } from './read-secrets.ts';

export const help = `使い方: bizotp staff create --name 氏名 --role viewer|operator|approver [--id 職員ID]
  職員向け管理画面（/bank）の職員を登録します。標準入力から初期パスワードを1行読みます（${MIN_STAFF_PASSWORD_LENGTH}〜64文字の半角文字）。
  --role: viewer（照会のみ）、operator（担当者）、approver（承認者）
  --id: 省略すると S と6桁の数字で採番します。
  初回ログイン時に認証アプリ（ワンタイムパスワード）を登録します。`;

export const staffCreate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { name: { type: 'string' }, role: { type: 'string' }, id: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const name = parseName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}`);
  const role = parseStaffRole(requireOption(parsed, 'role'));
  if (role === undefined) throw new UsageError('--role: viewer、operator、approver のいずれかを指定してください。');
  const rawId = stringOption(parsed, 'id');
  const id = rawId === undefined ? undefined : parseStaffId(rawId);
  if (id !== undefined && !id.ok) throw new UsageError(`--id: ${explain(id.code)}（半角英数字と . _ - で20文字以内）`);
  const [line] = await readLines(ctx.io, ['初期パスワード']);
  const password = parseStaffPassword(line);
  if (!password.ok) throw new UsageError(`初期パスワード: ${explain(password.code)}（${MIN_STAFF_PASSWORD_LENGTH}〜64文字）`);
  const deps = await ctx.open();
  const created = await createStaff(deps, BANK_ACTOR, { ...(id === undefined ? {} : { id: id.value }), name: name.value, role, password: password.value });
  if (!created.ok) return answer(ctx.io.stderr, explain(created.code), EXIT_REJECTED);
  say(ctx.io.stdout, `職員 ${created.id}（${name.value}、${role}）を登録しました。初回ログイン時に認証アプリを登録します。`);
  return EXIT_OK;
};
