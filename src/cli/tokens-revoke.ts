// bizotp tokens revoke SERIAL --kind lost|broken|stolen --operator NAME --reason TEXT — トークン失効: the token
// can never be used again and every registration on it ends now.

import { parseSerial } from '../domain/inputs.ts';
import { REVOCATION_KINDS, revokeToken, type RevocationKind } from '../domain/lifecycle/revoke-token.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, answer, type Command } from './context.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp tokens revoke シリアル番号 --kind lost|broken|stolen --operator 操作者名 --reason 理由
  トークンを失効させます（lost 紛失・stolen 盗難 → 紛失、broken 故障 → 失効）。以後このトークンは
  使用できず、利用登録はすべてこの時点で終了します。元に戻すことはできません。
${STAFF_HELP}`;

const KIND_JA = { lost: '紛失', broken: '故障', stolen: '盗難' } as const satisfies Record<RevocationKind, string>;

export const tokensRevoke: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { kind: { type: 'string' }, ...STAFF_OPTIONS });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const serial = parseSerial(parsed.positionals[0]);
  if (!serial.ok || parsed.positionals.length !== 1) throw new UsageError('シリアル番号を1つ指定してください。');
  const kind = requireOption(parsed, 'kind');
  if (!(REVOCATION_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind は ${REVOCATION_KINDS.join('、')} のいずれかです。`);
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const r = await revokeToken(deps, who, { serial: serial.value, kind: kind as RevocationKind });
  if (!r.ok) return answer(ctx.io.stderr, explain(r.code), EXIT_REJECTED);
  return answer(ctx.io.stdout, `トークン ${r.serial} を失効させました（${KIND_JA[kind as RevocationKind]}、状態 ${r.status}、終了した利用登録 ${r.endedRegistrations}件）。`, EXIT_OK);
};
