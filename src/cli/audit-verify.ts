// bizotp audit verify — walks every hash chain of the audit log and names each edited, deleted or
// reordered entry (ASVS 4.0.3 7.3.3). Exit 0 when intact, 1 when not.

import { verifyAuditChain, type AuditProblem } from '../domain/audit.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp audit verify
  監査ログのハッシュチェーンを検証し、改ざん・削除・順序入れ替えのあった記録を表示します。
  終了コード: 0 改ざんなし、1 改ざんあり。`;

export const auditVerify: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open();
  const { problems, entries } = await deps.store.transaction(async (tx) => {
    const found: AuditProblem[] = [];
    let count = 0;
    for (const chain of await tx.audit.chains()) {
      const list = await tx.audit.entries(chain);
      count += list.length;
      found.push(...verifyAuditChain(list, await tx.audit.lockHead(chain)));
    }
    return { problems: found, entries: count };
  });
  if (problems.length === 0) {
    say(ctx.io.stdout, `監査ログは改ざんされていません（${entries}件）。`);
    return EXIT_OK;
  }
  for (const p of problems) say(ctx.io.stdout, `${p.kind}: ${p.message}`);
  say(ctx.io.stdout, `監査ログに${problems.length}件の不整合があります。`);
  return EXIT_REJECTED;
};
