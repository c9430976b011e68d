// bizotp tokens show SERIAL [--json] — トークン詳細: status, parameters, owner, registrations, counters (never
// the secret) and the full history.

import { parseSerial } from '../domain/inputs.ts';
import { tokenDetail } from '../domain/lifecycle/token-detail.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { jst, printFields, printTable, toJson } from './table.ts';

export const help = `使い方: bizotp tokens show シリアル番号 [--json]
  トークンの状態、型、アルゴリズム、発行先、登録先、有効期限、カウンタ・ずれ・誤り回数（秘密鍵は表示しません）と
  履歴（新しい順）を表示します。`;

export const tokensShow: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok || parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const deps = await ctx.open();
  const d = await tokenDetail(deps, serial.value);
  if (!d.ok) return answer(ctx.io.stderr, explain(d.code), EXIT_REJECTED);
  if (parsed.values.json === true) return answer(ctx.io.stdout, toJson(d), EXIT_OK);
  const p = d.params;
  const out = ctx.io.stdout;
  printFields(out, [
    ['シリアル番号', d.serial],
    ['状態', d.status],
    ['種類・型', `${d.kind} / ${d.model}`],
    ['方式', p.type === 'totp' ? `TOTP ${p.algorithm} ${p.digits}桁 ${p.stepSeconds}秒` : `HOTP ${p.algorithm} ${p.digits}桁`],
    ['発行先', d.contractId ?? '-（在庫）'],
    ['登録先', d.registrations.map((r) => `${r.contractId}/${r.loginId ?? '全利用者共通'}`).join(', ') || '-'],
    ['有効期限', jst(d.expiresAtMs)],
    ['ずれ', String(d.drift)],
    ['最終使用カウンタ', d.lastCounter === null ? '-' : d.lastCounter.toString()],
    ['次のカウンタ（イベント型）', p.type === 'hotp' ? d.counter.toString() : '-'],
    ['連続誤り回数', String(d.consecutiveFailures)],
    ['最終利用', jst(d.lastUsedAtMs)],
    ...(d.soft === null ? [] : ([['ソフトウェアトークン', `${d.soft.origin} / ${d.soft.state}`], ['最終確認', jst(d.soft.lastSeenAtMs)]] as const)),
  ]);
  say(out, '\n履歴');
  printTable(out, ['日時', 'チェーン', '操作者', '操作', '結果', '詳細'], d.history.map((e) => [jst(e.atMs), e.chain, e.actor, e.action, e.outcome, e.detail]));
  return EXIT_OK;
};
