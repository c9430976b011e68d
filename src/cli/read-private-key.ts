// --private-key-file for RSA key transport (RFC 6030 §6.3): the bank's RSA private key in PEM. Like the
// master key file it must be readable by its owner only: a key any local account can read protects nothing.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './args.ts';

export async function readPrivateKeyFile(path: string): Promise<KeyObject> {
  const mode = await stat(path).then((s) => s.mode).catch(() => {
    throw new UsageError(`--private-key-file: ファイル ${path} を読めません。`);
  });
  if ((mode & 0o077) !== 0) {
    throw new UsageError(`--private-key-file: ファイル ${path} は所有者以外も読み書きできます（${(mode & 0o777).toString(8)}）。chmod 600 ${path} としてください。`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(await readFile(path));
  } catch {
    throw new UsageError('--private-key-file: PEM形式の暗号化されていない秘密鍵を指定してください。');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new UsageError('--private-key-file: RSAの秘密鍵を指定してください。');
  return key;
}
