// bizotp keys rewrap — re-seals every secret under the current master key, 500 per transaction, while the
// server keeps serving. Safe to stop and run again: what is already under the current key is skipped.

import { keyStatus } from '../domain/key-status.ts';
import { rewrapAll } from '../domain/rewrap-secrets.ts';
import { parseCommandArgs } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { configuredKeyIds } from './keys-status.ts';

export const help = `使い方: bizotp keys rewrap
  全ての秘密を現在のマスターキー（BIZOTP_MASTER_KEY_FILE / BIZOTP_MASTER_KEY）で暗号化し直します。
  古い鍵は BIZOTP_PREVIOUS_MASTER_KEYS に残してください。500件ずつの短いトランザクションで行うため、
  サーバーを止める必要はありません。中断しても、もう一度実行すれば残りから続けます。
  終わったら bizotp keys status で古い鍵が使われていないことを確かめてから、その鍵を設定から外します。`;

export const keysRewrap: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open();
  const status = await keyStatus(deps, configuredKeyIds(ctx.config()));
  if (status.missing.length > 0) {
    return answer(ctx.io.stderr, `設定されていない鍵IDで暗号化された秘密があるため、暗号化し直せません: ${status.missing.join(', ')}`, EXIT_REJECTED);
  }
  const totals = await rewrapAll(deps, BANK_ACTOR, (batch) => say(ctx.io.stdout, `  ${batch.kind}: ${batch.rewrapped}件（〜${batch.lastId}）`));
  say(ctx.io.stdout, `現在の鍵（${deps.keyring.currentKeyId}）で ${totals.rewrapped}件を暗号化し直しました。`);
  if (totals.changed > 0) {
    return answer(ctx.io.stderr, `${totals.changed}件は処理中に更新されたため残しました。もう一度 bizotp keys rewrap を実行してください。`, EXIT_REJECTED);
  }
  return EXIT_OK;
};
