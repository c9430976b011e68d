// bizotp tokens issue SERIAL --contract ID — hands a token from the bank's stock to a contract, whose
// administrator can then register it.

import { appendAudit, BANK_CHAIN } from '../domain/audit.ts';
import { parseContractId, parseSerial } from '../domain/inputs.ts';
import { moveToken } from '../domain/move-token.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp tokens issue シリアル番号 --contract ご契約先ID
  在庫（in_stock）のトークンをご契約先に発行します（issued）。`;

export const tokensIssue: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok || parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const contract = parseContractId(requireOption(parsed, 'contract'));
  if (!contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}（11桁の数字）`);
  const deps = await ctx.open();
  const outcome = await deps.store.transaction(async (tx) => {
    if ((await tx.contracts.get(contract.value)) === undefined) return 'contract_not_found' as const;
    if (!(await moveToken(tx, serial.value, ['in_stock'], 'issued', contract.value))) return 'token_state' as const;
    // A token in stock cannot be locked (token.ts), so wrong codes the bank's \`tokens verify\` counted there
    // end here: the contract receives it with none counted.
    await tx.tokens.resetFailures(serial.value);
    const nowMs = deps.now();
    for (const chain of [BANK_CHAIN, contract.value]) await appendAudit(tx, nowMs, { chain, ...BANK_ACTOR, action: 'token.issue', target: serial.value, outcome: 'issued', detail: { contractId: contract.value } });
    return 'issued' as const;
  });
  if (outcome === 'contract_not_found') return answer(ctx.io.stderr, explain(outcome), EXIT_REJECTED);
  if (outcome === 'token_state') return answer(ctx.io.stderr, 'トークンが見つからないか、在庫の状態ではありません。', EXIT_REJECTED);
  say(ctx.io.stdout, `トークン ${serial.value} をご契約先 ${contract.value} に発行しました。`);
  return EXIT_OK;
};
