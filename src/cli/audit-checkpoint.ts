// bizotp audit checkpoint [--out FILE] — verifies the audit log, then writes one signed checkpoint line
// (audit-checkpoint.ts) to standard output or appends it to FILE, for keeping off this machine. The public
// key is printed so that it can be recorded apart from the checkpoints and an auditor can check them offline.

import { ConfigError, MISSING_KEY_MESSAGE } from '../config.ts';
import { appendFile } from 'node:fs/promises';
import { createAuditCheckpoint } from '../domain/audit-checkpoint.ts';
import { deriveAuditKeys } from '../domain/audit-keys.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp audit checkpoint [--out FILE]
  監査ログを検証し、各チェーンの最後の記録（チェーン、番号、ハッシュ）と時刻に Ed25519 で署名した
  チェックポイントを1行出力します（--out FILE のときはそのファイルに追記）。別の場所に保管してください。
  署名の公開鍵は標準エラーに表示され、チェックポイントにも含まれます（openssl でオフライン検証できます）。
  終了コード: 0 出力した、1 監査ログに不整合があり署名しなかった。`;

export const auditCheckpoint: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { out: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const config = ctx.config();
  // The audit keys derive from the master key: without it nothing can be checked or signed.
  if (config.masterKey === null) throw new ConfigError(MISSING_KEY_MESSAGE);
  const keys = deriveAuditKeys(config.masterKey, config.previousMasterKeys);
  const deps = await ctx.open();
  const result = await createAuditCheckpoint(deps.store, keys, deps.now());
  if (!result.ok) {
    for (const p of result.problems) say(ctx.io.stderr, `${p.kind}: ${p.message}`);
    return answer(ctx.io.stderr, `監査ログに${result.problems.length}件の不整合があるため、チェックポイントに署名しません。`, EXIT_REJECTED);
  }
  const out = stringOption(parsed, 'out');
  if (out === undefined) say(ctx.io.stdout, result.line);
  else await appendFile(out, `${result.line}\n`, { mode: 0o600 });
  say(ctx.io.stderr, `チェックポイント: ${result.chains.length}チェーン（鍵ID ${keys.currentKeyId}）${out === undefined ? '' : ` → ${out}`}`);
  say(ctx.io.stderr, keys.publicKeyPem(keys.currentKeyId) ?? '');
  return EXIT_OK;
};
