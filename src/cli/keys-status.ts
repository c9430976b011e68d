// bizotp keys status — which master keys the stored secrets need: the secrets per key id and kind, the
// configured keys nothing uses (a previous key there may be removed) and key ids no configured key opens.

import type { Config } from '../config.ts';
import { keyStatus } from '../domain/key-status.ts';
import { keyIdOf } from '../domain/secret-box.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp keys status
  マスターキーの鍵IDごとに、その鍵で暗号化された秘密（トークンのシード）の件数を表示します。
  使われていない設定済みの鍵と、設定されていない使用中の鍵IDも表示します（後者があれば終了コード 1）。`;

/** The configured keys' ids: the current key first, then BIZOTP_PREVIOUS_MASTER_KEYS in order. */
export function configuredKeyIds(config: Config): string[] {
  return [...(config.masterKey === null ? [] : [config.masterKey]), ...config.previousMasterKeys].map(keyIdOf);
}

export const keysStatus: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open();
  const status = await keyStatus(deps, configuredKeyIds(ctx.config()));
  const out = ctx.io.stdout;
  say(out, `現在の鍵ID: ${status.currentKeyId}`);
  if (status.counts.length === 0) say(out, '暗号化された秘密はありません。');
  for (const c of status.counts) {
    const marks = [c.keyId === status.currentKeyId ? '現在の鍵' : '', status.missing.includes(c.keyId) ? '未設定' : ''].filter((m) => m !== '');
    say(out, `  ${c.keyId}  ${c.kind}  ${c.count}件${marks.length > 0 ? `（${marks.join('・')}）` : ''}`);
  }
  say(out, `使われていない設定済みの鍵ID: ${status.unused.length === 0 ? 'なし' : status.unused.join(', ')}`);
  if (status.missing.length > 0) {
    return answer(ctx.io.stderr, `設定されていない鍵IDで暗号化された秘密があります: ${status.missing.join(', ')}。BIZOTP_PREVIOUS_MASTER_KEYS にその鍵を加えてください。`, EXIT_REJECTED);
  }
  return EXIT_OK;
};
