// `npm run token -- SERIAL`: prints the current OTP of a DEMO token, so anyone can try the flows as if
// holding the token. Refuses every token that is not a demo one: a bank's real secrets never leave.

import { loadConfig } from '../src/config.ts';
import { openDeps } from '../src/compose.ts';
import { hmacKey, hotp } from '../src/otp/hotp.ts';
import { totp, totpStep } from '../src/otp/totp.ts';

const serial = process.argv[2];
if (serial === undefined || !/^[A-Za-z0-9]{1,32}$/.test(serial)) {
  process.stderr.write('使い方: npm run token -- シリアル番号（デモ用トークンのみ）\n');
  process.exit(2);
}
// The demo's companion, so development mode like `npm start`: it finds the same development key.
const deps = await openDeps(loadConfig({ ...process.env, BIZOTP_DEV: '1' }, () => {}), () => Date.now(), { schema: 'require-current' });
try {
  const token = await deps.store.transaction((tx) => tx.tokens.get(serial));
  if (token === undefined || !token.demo) {
    process.stderr.write(`シリアル番号 ${serial} はデモ用トークンではありません。デモ用トークン以外のワンタイムパスワードは表示できません。\n`);
    process.exitCode = 1;
  } else {
    const key = hmacKey(deps.keyring.open(token.serial, token.sealed));
    const nowMs = Date.now();
    if (token.params.type === 'totp') {
      const stepMs = token.params.stepSeconds * 1000;
      const left = Math.ceil((stepMs - (nowMs % stepMs)) / 1000);
      process.stdout.write(`${totp(key, nowMs, token.params)}\n`);
      process.stderr.write(`（シリアル番号 ${serial}、あと${left}秒で次のワンタイムパスワードに変わります。ステップ ${totpStep(nowMs, token.params.stepSeconds)}）\n`);
    } else {
      const next = token.lastCounter === null || token.lastCounter < token.counter ? token.counter : token.lastCounter + 1n;
      process.stdout.write(`${hotp(key, next, token.params.digits, token.params.algorithm)}\n`);
    }
  }
} finally {
  await deps.store.close();
}
