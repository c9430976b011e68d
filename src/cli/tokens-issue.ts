// bizotp tokens issue SERIAL [--to SERIAL] --contract ID --operator NAME --reason TEXT — hands tokens from the
// bank's stock to a contract (one serial, or a range of at most 1,000), all or nothing; its administrator
// can then register them.

import { parseContractId, parseSerial } from '../domain/inputs.ts';
import { issueTokens } from '../domain/lifecycle/issue-tokens.ts';
import { MAX_TOKENS_PER_ISSUE } from '../domain/lifecycle/serial-range.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, stringOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, answer, say, type Command } from './context.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp tokens issue シリアル番号 [--to シリアル番号] --contract ご契約先ID --operator 操作者名 --reason 理由
  在庫（in_stock）のトークンをご契約先に発行します（issued）。--to で範囲（両端を含む、同じ桁数、
  ${MAX_TOKENS_PER_ISSUE.toLocaleString('en-US')}個まで）を指定できます。1つでも在庫にないものがあれば何も発行しません。
${STAFF_HELP}`;

export const tokensIssue: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' }, to: { type: 'string' }, ...STAFF_OPTIONS });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok || parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const toRaw = stringOption(parsed, 'to');
  const to = toRaw === undefined ? undefined : parseSerial(toRaw, 'toSerial');
  if (to !== undefined && !to.ok) throw new UsageError(`--to: ${explain(to.code)}`);
  const contract = parseContractId(requireOption(parsed, 'contract'));
  if (!contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}（11桁の数字）`);
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const r = await issueTokens(deps, who, { contractId: contract.value, fromSerial: serial.value, ...(to === undefined ? {} : { toSerial: to.value }) });
  if (r.ok) {
    const what = r.serials.length === 1 ? `トークン ${r.serials[0]}` : `トークン ${r.serials.length}個（${r.serials[0]}〜${r.serials.at(-1)}）`;
    return answer(ctx.io.stdout, `${what}をご契約先 ${contract.value} に発行しました。`, EXIT_OK);
  }
  if (r.code === 'token_not_in_stock') {
    say(ctx.io.stderr, explain(r.code));
    for (const t of r.unavailable) say(ctx.io.stderr, `  ${t.serial}\t${t.status === 'unknown' ? '未登録' : t.status}`);
    return EXIT_REJECTED;
  }
  const exit = r.code === 'bad_format' || r.code === 'too_many_tokens' || r.code === 'required' || r.code === 'too_long' ? EXIT_USAGE : EXIT_REJECTED;
  return answer(ctx.io.stderr, explain(r.code), exit);
};
