// bizotp apikeys revoke --name NAME — the key stops working at once, on every server instance (the API looks
// keys up in each request's transaction).

import { parseApiKeyName, revokeApiKey } from '../domain/api-keys.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp apikeys revoke --name 名前
  APIキーを失効させます。失効したキーによる呼び出しは、全てのサーバーで直ちに拒否されます。`;

export const apikeysRevoke: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { name: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const name = parseApiKeyName(requireOption(parsed, 'name'));
  if (!name.ok) throw new UsageError(`--name: ${explain(name.code)}`);
  const deps = await ctx.open();
  const revoked = await revokeApiKey(deps, BANK_ACTOR, name.value);
  if (!revoked.ok) return answer(ctx.io.stderr, explain(revoked.code), EXIT_REJECTED);
  say(ctx.io.stdout, `APIキー「${name.value}」を失効させました。`);
  return EXIT_OK;
};
