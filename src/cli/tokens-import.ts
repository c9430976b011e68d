// bizotp tokens import FILE [--psk-file F | --passphrase-file F | --key-stdin] [--private-key-file PEM] [--model M] [--contract ID]
//   [--allow-plaintext] [--signer-cert PEM [--require-signature]]
// A vendor's PSKC (RFC 6030) or CSV seed file, all or nothing, with a progress bar on a terminal.

import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseContractId } from '../domain/inputs.ts';
import { DuplicateSerialError, importTokens } from '../domain/import-tokens.ts';
import { TOKEN_MODELS, type TokenModel } from '../domain/token.ts';
import { ImportError } from '../import/import-error.ts';
import type { SeedFileOptions } from '../import/parse-seed-file.ts';
import { parseSeedFileOnThread } from '../import/seed-file-thread.ts';
import { signerKeyFromPem } from '../import/signer-key.ts';
import { messageFor as explain } from '../messages.ja.ts';
import { parseCommandArgs, stringOption, UsageError } from './args.ts';
import { BANK_ACTOR, EXIT_OK, EXIT_REJECTED, answer, say, type Command } from './context.ts';
import { progressBar } from './progress-bar.ts';
import { readLines, readSecretFile } from './read-secrets.ts';
import { readPrivateKeyFile } from './read-private-key.ts';

export const help = `使い方: bizotp tokens import ファイル [--psk-file 鍵ファイル | --passphrase-file パスフレーズファイル | --key-stdin] [--private-key-file 秘密鍵ファイル] [--model hw1|hw2|hw3|sw] [--contract ご契約先ID] [--allow-plaintext] [--signer-cert 証明書 [--require-signature]]
  PSKC（RFC 6030）またはCSVのシードファイルからトークンを在庫に取り込みます。1件でも不正があれば何も取り込みません。
  --psk-file         事前共有鍵（16進数）を書いたファイル（PSKCの暗号化された秘密鍵用）
  --passphrase-file  PBKDF2のパスフレーズを書いたファイル
  --key-stdin        事前共有鍵またはパスフレーズを標準入力から1行読みます（--key-kind psk|passphrase と併用）
  --private-key-file 秘密鍵（PEM、RSA）のファイル。当行の証明書あてに暗号化されたPSKC用（RFC 6030 §6.3）。所有者だけが読めること（chmod 600）
  --model            ファイルに機種がない鍵の機種（既定 hw1）
  --contract         取り込んだトークンをこのご契約先に発行します
  --allow-plaintext  シークレットが暗号化されていないファイル（平文のPSKC、CSV）の取込を許可します
  --signer-cert      PSKCファイルのXML署名を検証する署名者の証明書（PEM）。署名付きファイルは2MiBまで
  --require-signature 署名のないファイルを受け付けません（推奨。--signer-cert と併用）`;

export const tokensImport: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {
    'psk-file': { type: 'string' },
    'passphrase-file': { type: 'string' },
    'key-stdin': { type: 'boolean' },
    'key-kind': { type: 'string' },
    'private-key-file': { type: 'string' },
    model: { type: 'string' },
    contract: { type: 'string' },
    'allow-plaintext': { type: 'boolean' },
    'signer-cert': { type: 'string' },
    'require-signature': { type: 'boolean' },
  });
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  if (parsed.positionals.length !== 1) throw new UsageError('取り込むファイルを1つ指定してください。');
  const file = parsed.positionals[0] ?? '';
  const size = await stat(file).then((s) => s.size).catch(() => {
    throw new UsageError(`ファイル ${file} を開けません。`);
  });
  const model = stringOption(parsed, 'model') ?? 'hw1';
  if (!(TOKEN_MODELS as readonly string[]).includes(model)) throw new UsageError(`--model は ${TOKEN_MODELS.join(', ')} のいずれかです。`);
  const contractText = stringOption(parsed, 'contract');
  const contract = contractText === undefined ? null : parseContractId(contractText);
  if (contract !== null && !contract.ok) throw new UsageError(`--contract: ${explain(contract.code)}`);

  const signer = await signerOption(stringOption(parsed, 'signer-cert'), parsed.values['require-signature'] === true);
  const keys: { preSharedKey?: Buffer; passphrase?: string; privateKey?: KeyObject } = {};
  const pskFile = stringOption(parsed, 'psk-file');
  const passFile = stringOption(parsed, 'passphrase-file');
  if (pskFile !== undefined) keys.preSharedKey = hexKey(await readSecretFile(pskFile));
  if (passFile !== undefined) keys.passphrase = await readSecretFile(passFile);
  const privateKeyFile = stringOption(parsed, 'private-key-file');
  if (privateKeyFile !== undefined) keys.privateKey = await readPrivateKeyFile(privateKeyFile);
  if (parsed.values['key-stdin'] === true) {
    const kind = stringOption(parsed, 'key-kind');
    if (kind !== 'psk' && kind !== 'passphrase') throw new UsageError('--key-stdin には --key-kind psk または --key-kind passphrase を指定してください。');
    const [line] = await readLines(ctx.io, [kind === 'psk' ? '事前共有鍵（16進数）' : 'パスフレーズ']);
    if (kind === 'psk') keys.preSharedKey = hexKey(line ?? '');
    else keys.passphrase = line ?? '';
  }

  const deps = await ctx.open();
  let bytesRead = 0;
  const bar = ctx.io.stderr.isTTY === true ? progressBar(ctx.io.stderr, size) : null;
  try {
    const opts: SeedFileOptions = {
      ...keys,
      allowPlaintext: parsed.values['allow-plaintext'] === true,
      ...(signer === undefined ? {} : { signer }),
      onWarning: (w) => say(ctx.io.stderr, `注意: ${w.message}`),
    };
    const imported = await importTokens(deps, BANK_ACTOR, parseSeedFileOnThread(file, opts, { onBytes: (n) => (bytesRead = n) }), {
      defaultModel: model as TokenModel,
      contractId: contract?.ok === true ? contract.value : null,
      demo: false,
      source: basename(file),
      onProgress: (n) => bar?.update(bytesRead, n),
    });
    bar?.done(imported);
    say(ctx.io.stdout, `${imported}件のトークンを取り込みました。`);
    return EXIT_OK;
  } catch (err) {
    bar?.abort();
    if (err instanceof ImportError) return answer(ctx.io.stderr, `取り込みを中止しました（何も取り込んでいません）: ${err.message}`, EXIT_REJECTED);
    if (err instanceof DuplicateSerialError) {
      return answer(ctx.io.stderr, `取り込みを中止しました（何も取り込んでいません）: 既に登録済みのシリアル番号があります: ${err.serials.slice(0, 10).join(', ')}`, EXIT_REJECTED);
    }
    throw err;
  }
};

async function signerOption(path: string | undefined, requireSignature: boolean): Promise<SeedFileOptions['signer']> {
  if (path === undefined) {
    if (requireSignature) throw new UsageError('--require-signature には --signer-cert で署名者の証明書を指定してください。');
    return undefined;
  }
  const pem = await readFile(path).catch(() => {
    throw new UsageError(`証明書ファイル ${path} を開けません。`);
  });
  const signer = signerKeyFromPem(pem);
  if (!signer.ok) {
    throw new UsageError(signer.reason === 'not_a_certificate'
      ? `--signer-cert: ${path} はPEM形式のX.509証明書ではありません。`
      : '--signer-cert: 対応している署名者の証明書はRSA（2048ビット以上）のみです。');
  }
  return { signerKey: signer.key, requireSignature };
}

function hexKey(text: string): Buffer {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError('事前共有鍵は16進数で指定してください。');
  return Buffer.from(hex, 'hex');
}
