// bizotp tokens list [--contract ID] [--status STATUS] [--limit N] [--after SERIAL]

import { TOKEN_STATUSES, type TokenStatus } from '../domain/token.ts';
import { parseCommandArgs, stringOption, UsageError } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp tokens list [--contract ご契約先ID] [--status 状態] [--limit 件数] [--after シリアル番号]
  状態: ${TOKEN_STATUSES.join(', ')}。既定は先頭から100件。秘密鍵は表示しません。`;

export const tokensList: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, after: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const status = stringOption(parsed, 'status');
  if (status !== undefined && !(TOKEN_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status は ${TOKEN_STATUSES.join(', ')} のいずれかです。`);
  const limit = Number(stringOption(parsed, 'limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100000) throw new UsageError('--limit は1〜100000の整数です。');
  const deps = await ctx.open();
  const contractId = stringOption(parsed, 'contract');
  const afterSerial = stringOption(parsed, 'after');
  const tokens = await deps.store.transaction((tx) =>
    tx.tokens.list({ limit, ...(contractId === undefined ? {} : { contractId }), ...(status === undefined ? {} : { status: status as TokenStatus }), ...(afterSerial === undefined ? {} : { afterSerial }) }),
  );
  say(ctx.io.stdout, ['serial', 'model', 'type', 'algorithm', 'digits', 'step', 'status', 'contract', 'failures', 'drift', 'demo'].join('\t'));
  for (const t of tokens) {
    const step = t.params.type === 'totp' ? String(t.params.stepSeconds) : '-';
    say(ctx.io.stdout, [t.serial, t.model, t.params.type, t.params.algorithm, String(t.params.digits), step, t.status, t.contractId ?? '-', String(t.consecutiveFailures), String(t.drift), t.demo ? 'demo' : ''].join('\t'));
  }
  return EXIT_OK;
};
