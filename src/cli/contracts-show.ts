// bizotp contracts show ID [--json] — 契約先詳細: lock states, 利用形態, users, tokens and recent audit entries.

import { parseContractId } from '../domain/inputs.ts';
import { contractDetail } from '../domain/lifecycle/contract-detail.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { jst, printFields, printTable, toJson } from './table.ts';

export const help = `使い方: bizotp contracts show ご契約先ID [--json]
  管理者ログインとご契約先確認暗証番号のロック状態、ワンタイムパスワード利用形態、利用者、発行済みトークン、
  最近の監査ログを表示します（暗証番号や秘密鍵は表示しません）。`;

const FORM_JA = { none: '未設定', per_user: '全ての利用者が異なるトークンを使用する', shared: '全ての利用者が同じトークンを使用する' } as const;
const lock = (s: { locked: boolean; failures: number }): string => (s.locked ? `ロック中（誤り${s.failures}回）` : `正常（誤り${s.failures}回）`);

export const contractsShow: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const id = parseContractId(parsed.positionals[0]);
  if (!id.ok || parsed.positionals.length !== 1) throw new UsageError('ご契約先ID（11桁の数字）を1つ指定してください。');
  const deps = await ctx.open();
  const d = await contractDetail(deps, id.value);
  if (!d.ok) return answer(ctx.io.stderr, explain(d.code), EXIT_REJECTED);
  if (parsed.values.json === true) return answer(ctx.io.stdout, toJson(d), EXIT_OK);
  const out = ctx.io.stdout;
  printFields(out, [
    ['ご契約先ID', d.id],
    ['ご契約先名', d.name],
    ['管理者ログイン', lock(d.adminLogin)],
    ['ご契約先確認暗証番号', lock(d.confirmPin)],
    ['利用形態', FORM_JA[d.otpForm]],
    ['利用開始', jst(d.otpStartedAtMs)],
  ]);
  say(out, '\n利用者');
  printTable(out, ['利用者ID', '利用者名', '状態', 'シリアル番号', '最終OTP利用'], d.users.map((u) => [u.loginId, u.name, u.login.locked ? 'ロック中' : '正常', u.serial ?? '-', jst(u.lastOtpAtMs)]));
  say(out, '\nトークン');
  printTable(out, ['シリアル番号', '型', '状態', '有効期限', '最終利用'], d.tokens.map((t) => [t.serial, t.model, t.status, jst(t.expiresAtMs), jst(t.lastUsedAtMs)]));
  say(out, '\n最近の監査ログ');
  printTable(out, ['日時', '操作者', '操作', '対象', '結果'], d.recentAudit.map((e) => [jst(e.atMs), e.actor, e.action, e.target, e.outcome]));
  return EXIT_OK;
};
