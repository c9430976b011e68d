// bizotp audit verify [--checkpoints FILE]… — walks every audit chain found in the log, page by page without
// blocking the writers, and names each edited, deleted or reordered entry (ASVS 4.0.3 7.3.3); with signed
// checkpoints also a chain deleted with its head, or a tail cut off. Exit 0 intact, 1 tampered, 2 bad input
// (a checkpoint that cannot be read or whose signature does not verify is refused, and nothing is checked).

import { ConfigError, MISSING_KEY_MESSAGE } from '../config.ts';
import { readFile } from 'node:fs/promises';
import type { CheckpointMark } from '../domain/audit-chain-check.ts';
import { readCheckpoint } from '../domain/audit-checkpoint.ts';
import { deriveAuditKeys, type AuditKeys } from '../domain/audit-keys.ts';
import { verifyAuditLog } from '../domain/verify-audit-log.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp audit verify [--checkpoints FILE]…
  監査ログの全チェーンを（ログ自体から列挙して）検証し、改ざん・削除・順序入れ替えのあった記録を表示します。
  --checkpoints FILE  bizotp audit checkpoint が出力した署名付きチェックポイント（1行1件、複数指定可）。
                      チェーンごとの削除や末尾の切り詰めも検出します。署名が検証できないファイルは受け付けません。
  終了コード: 0 改ざんなし、1 改ざんあり、2 入力の誤り（読めない・署名が正しくないチェックポイント）。`;

const REFUSALS = {
  malformed: 'チェックポイントの形式が正しくありません',
  unknown_key: '設定されたマスター鍵のどれでも署名されていません',
  bad_signature: '署名が正しくありません',
} as const;

/** Every chain position in the files' checkpoints and how many checkpoints, or the first refusal as a message. */
async function readCheckpointFiles(keys: AuditKeys, files: readonly string[]): Promise<{ marks: CheckpointMark[]; count: number } | string> {
  const marks: CheckpointMark[] = [];
  let count = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      return `チェックポイントファイルを読めません: ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const reading = readCheckpoint(keys, line);
      if (!reading.ok) return `チェックポイントを受け付けません: ${file}:${i + 1}: ${REFUSALS[reading.reason]} (${reading.reason})`;
      marks.push(...reading.marks);
      count += 1;
    }
  }
  return { marks, count };
}

export const auditVerify: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { checkpoints: { type: 'string', multiple: true } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const config = ctx.config();
  // The audit keys derive from the master key: without it nothing can be checked or signed.
  if (config.masterKey === null) throw new ConfigError(MISSING_KEY_MESSAGE);
  const keys = deriveAuditKeys(config.masterKey, config.previousMasterKeys);
  const files = (parsed.values.checkpoints as unknown as string[] | undefined) ?? [];
  const checkpoints = await readCheckpointFiles(keys, files);
  if (typeof checkpoints === 'string') return answer(ctx.io.stderr, checkpoints, EXIT_USAGE);

  const deps = await ctx.open();
  const report = await verifyAuditLog(deps.store, keys, { checkpoints: checkpoints.marks });
  for (const chain of report.chains) {
    if (chain.unkeyedBefore !== null) {
      say(ctx.io.stdout, `unkeyed, before ${chain.chain}#${chain.unkeyedBefore}: 監査鍵より前の記録です（チェックポイントのみが書き換えから守ります）`);
    }
  }
  if (report.problems.length === 0) {
    const covered = checkpoints.count > 0 ? `、チェックポイント${checkpoints.count}件と一致` : '';
    say(ctx.io.stdout, `監査ログは改ざんされていません（${report.chains.length}チェーン、${report.entries}件${covered}）。`);
    return EXIT_OK;
  }
  for (const p of report.problems) say(ctx.io.stdout, `${p.kind}: ${p.message}`);
  say(ctx.io.stdout, `監査ログに${report.problems.length}件の不整合があります。`);
  return EXIT_REJECTED;
};
