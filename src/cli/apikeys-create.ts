// bizotp apikeys create --name NAME [--contracts ID,ID] [--expires YYYY-MM-DD] [--rate N/min] — makes an API
// key for one of the bank's systems and prints it once; only its SHA-256 is stored, so a lost key is revoked
// and replaced, never recovered. The scope, expiry and rate bound what a leaked key can do.

import { createApiKey, parseApiKeyName, type ApiKeyLimits } from '../domain/api-keys.ts';
import { parseContractId } from '../domain/inputs.ts';
import { addDays, isCalendarDate } from '../domain/tokyo-date.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, stringOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp apikeys create --name 名前 [--contracts ID,ID] [--expires YYYY-MM-DD] [--rate N/min]
  銀行の他システムが /api/v1 を呼び出すためのAPIキーを作成し、一度だけ表示します（保存されるのはハッシュ値のみです）。
  名前: 半角英数字と . _ - で64文字以内（監査ログに記録されます）。
  --contracts: このキーで照合できるご契約先ID（カンマ区切り）。省略時は全てのご契約先。
  --expires: 有効期限（日本時間のその日の終わりまで有効）。省略時は無期限。
  --rate: 1分あたりの呼び出し回数の上限（例: 120/min）。省略時は既定値。
  呼び出し側は Authorization: Bearer <APIキー> を付けて送信します。`;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

function parseLimits(contracts: string | undefined, expires: string | undefined, rate: string | undefined): ApiKeyLimits {
  const ids = contracts?.split(',').map((id) => id.trim());
  if (ids !== undefined && (ids.length === 0 || ids.some((id) => !parseContractId(id).ok))) throw new UsageError('--contracts: ご契約先ID（半角数字11桁）をカンマ区切りで指定してください。');
  if (expires !== undefined && !isCalendarDate(expires)) throw new UsageError('--expires: 日付を YYYY-MM-DD で指定してください。');
  const perMinute = rate === undefined ? undefined : /^([1-9]\d{0,5})\/min$/.exec(rate)?.[1];
  if (rate !== undefined && perMinute === undefined) throw new UsageError('--rate: 1分あたりの回数を N/min で指定してください（例: 120/min）。');
  return {
    contractIds: ids === undefined ? null : [...new Set(ids)],
    // Valid through that whole day in Japan: it ends at the next midnight, Japan time.
    expiresAtMs: expires === undefined ? null : Date.parse(`${addDays(expires, 1)}T00:00:00Z`) - JST_OFFSET_MS,
    ratePerMinute: perMinute === undefined ? null : Number(perMinute),
  };
}

export const apikeysCreate: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { name: { type: 'string' }, contracts: { type: 'string' }, expires: { type: 'string' }, rate: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 0) throw new UsageError(`余分な引数があります: ${parsed.positionals.join(' ')}`);
  const name = parseApiKeyName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}（半角英数字と . _ - で64文字以内）`);
  const limits = parseLimits(stringOption(parsed, 'contracts'), stringOption(parsed, 'expires'), stringOption(parsed, 'rate'));
  const deps = await ctx.open();
  const created = await createApiKey(deps, BANK_ACTOR, name.value, undefined, limits);
  if (!created.ok) return answer(ctx.io.stderr, explain(created.code), EXIT_REJECTED);
  say(ctx.io.stderr, `APIキー「${name.value}」を作成しました。次の行のキーは二度と表示されません。安全な場所に保管してください。`);
  say(ctx.io.stdout, created.key);
  return EXIT_OK;
};
