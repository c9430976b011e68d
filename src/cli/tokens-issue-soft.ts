// bizotp tokens issue-soft --contract ID --qr FILE --operator NAME --reason TEXT — a new software token for a
// standard authenticator app (Google / Microsoft Authenticator), issued to the contract and handed over once
// as an otpauth:// QR code written to FILE (PNG or SVG by its extension). The file is created with mode 0600
// before the token is made, never over an existing file, so a token is never issued whose QR code has
// nowhere to go. Only the serial is printed: the secret is in the QR code and nowhere else in clear.

import { open, unlink, type FileHandle } from 'node:fs/promises';
import QRCode from 'qrcode';
import { parseContractId } from '../domain/inputs.ts';
import { issueSoftToken } from '../domain/lifecycle/issue-soft-token.ts';
import { DEFAULT_BANK_NAME } from '../domain/lifecycle/otpauth-uri.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, requireOption, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, answer, type Command } from './context.ts';
import { STAFF_HELP, STAFF_OPTIONS, staffFromArgs } from './staff-options.ts';

export const help = `使い方: bizotp tokens issue-soft --contract ご契約先ID --qr ファイル --operator 操作者名 --reason 理由
  標準の認証アプリ（Google Authenticator、Microsoft Authenticator など）用のソフトウェアトークンを新しく作り、
  ご契約先に発行します（TOTP SHA1・6桁・30秒）。otpauth:// の QR コードをファイルに書き出します
  （.png なら PNG、.svg なら SVG。権限 0600。既にあるファイルには書きません）。表示するのはシリアル番号だけです。
  QR コードはこの一度しか作れません。お客さまへ渡したら、ファイルは確実に削除してください。
${STAFF_HELP}`;

type QrFormat = 'png' | 'svg';

function formatOf(file: string): QrFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.png')) return 'png';
  if (lower.endsWith('.svg')) return 'svg';
  throw new UsageError('--qr: 拡張子が .png または .svg のファイル名を指定してください。');
}

async function render(uri: string, format: QrFormat): Promise<Buffer> {
  const options = { errorCorrectionLevel: 'M', margin: 4 } as const;
  if (format === 'png') return QRCode.toBuffer(uri, { ...options, type: 'png', scale: 8 });
  return Buffer.from(await QRCode.toString(uri, { ...options, type: 'svg' }), 'utf8');
}

async function createExclusive(file: string): Promise<FileHandle | string> {
  try {
    return await open(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? `${file} は既にあります。上書きはしません。` : `${file} を作成できません: ${(error as Error).message}`;
  }
}

export const tokensIssueSoft: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { contract: { type: 'string' }, qr: { type: 'string' }, ...STAFF_OPTIONS });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length > 0) throw new UsageError('引数が多すぎます。');
  const contract = parseContractId(requireOption(parsed, 'contract'));
  if (!contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}（11桁の数字）`);
  const file = requireOption(parsed, 'qr');
  const format = formatOf(file);
  const who = staffFromArgs(parsed);
  const deps = await ctx.open();
  const handle = await createExclusive(file);
  if (typeof handle === 'string') return answer(ctx.io.stderr, handle, EXIT_REJECTED);
  let written = false;
  try {
    const r = await issueSoftToken(deps, who, { contractId: contract.value, issuer: ctx.config().bankName ?? DEFAULT_BANK_NAME });
    if (!r.ok) {
      const exit = r.code === 'required' || r.code === 'too_long' ? EXIT_USAGE : EXIT_REJECTED;
      return answer(ctx.io.stderr, explain(r.code), exit);
    }
    try {
      await handle.writeFile(await render(r.otpauthUri, format));
      await handle.sync();
      written = true;
    } catch (error) {
      // The token exists but its QR code was lost: it must not stay usable by whoever finds a partial file.
      return answer(ctx.io.stderr, `QR コードを書き出せませんでした（${(error as Error).message}）。トークン ${r.serial} を bizotp tokens revoke で失効させてください。`, EXIT_REJECTED);
    }
    return answer(ctx.io.stdout, `ソフトウェアトークン ${r.serial} をご契約先 ${contract.value} に発行しました。QR コード: ${file}`, EXIT_OK);
  } finally {
    await handle.close();
    if (!written) await unlink(file).catch(() => undefined);
  }
};
