// bizotp apikeys create --name NAME — makes an API key for one of the bank's systems and prints it once;
// only its SHA-256 is stored, so a lost key is revoked and replaced, never recovered.

import { createApiKey, parseApiKeyName } from '../domain/api-keys.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp apikeys create --name 名前
  銀行の他システムが /api/v1 を呼び出すためのAPIキーを作成し、一度だけ表示します（保存されるのはハッシュ値のみです）。
  名前: 半角英数字と . _ - で64文字以内（監査ログに記録されます）。
  呼び出し側は Authorization: Bearer <APIキー> を付けて送信します。`;

export const apikeysCreate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { name: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 0) throw new UsageError(`余分な引数があります: ${parsed.positionals.join(' ')}`);
  const name = parseApiKeyName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}（半角英数字と . _ - で64文字以内）`);
  const deps = await ctx.open();
  const created = await createApiKey(deps, BANK_ACTOR, name.value);
  if (!created.ok) return answer(ctx.io.stderr, explain(created.code), EXIT_REJECTED);
  say(ctx.io.stderr, `APIキー「${name.value}」を作成しました。次の行のキーは二度と表示されません。安全な場所に保管してください。`);
  say(ctx.io.stdout, created.key);
  return EXIT_OK;
};
