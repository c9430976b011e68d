// `bizotp tokens import` with the operator's choices: a signed file with its signer's certificate, the same file
// with a SerialNo edited, --require-signature, --allow-plaintext, and warnings on standard error.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const SIGNED = join(FIXTURES, 'pskc/signed-hotp.pskc');
const SIGNER = join(FIXTURES, 'pskc/signed-hotp.signer.pem');
const dir = mkdtempSync(join(tmpdir(), 'bizotp-cli-policy-'));
const psk = join(dir, 'psk.hex');
writeFileSync(psk, `${'42'.repeat(16)}\n`);

let cli: CliHarness;
beforeEach(() => {
  cli = cliHarness();
});
afterEach(() => cli.close());

async function stockCount(): Promise<number> {
  const deps = await cli.deps();
  return deps.store.transaction((tx) => tx.tokens.count());
}

describe('tokens import and signed files (RFC 6030 §7)', () => {
  test('imports a signed file with its signer certificate under --require-signature', async () => {
    const r = await cli.run(['tokens', 'import', SIGNED, '--psk-file', psk, '--signer-cert', SIGNER, '--require-signature']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '3件のトークンを取り込みました。');
    assert.equal(r.stderr, '');
  });

  test('refuses the signed file after its SerialNo was edited, and imports nothing', async () => {
    const edited = join(dir, 'edited.pskc');
    writeFileSync(edited, readFileSync(SIGNED, 'utf8').replace('<SerialNo>91000000000001</SerialNo>', '<SerialNo>91000000000009</SerialNo>'));
    const r = await cli.run(['tokens', 'import', edited, '--psk-file', psk, '--signer-cert', SIGNER, '--require-signature']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /署名（XML署名）が検証できません/);
    assert.equal(await stockCount(), 0);
  });

  test('refuses an unsigned file under --require-signature', async () => {
    const r = await cli.run(['tokens', 'import', join(FIXTURES, 'pskc/rfc6030-figure6.pskc'), '--psk-file', psk, '--signer-cert', SIGNER, '--require-signature']);
    assert.equal(r.code, 1);
    assert.equal(await stockCount(), 0);
  });

  test('--require-signature without --signer-cert, and a --signer-cert that is not an RSA certificate, are usage errors', async () => {
    assert.equal((await cli.run(['tokens', 'import', SIGNED, '--psk-file', psk, '--require-signature'])).code, 2);
    assert.equal((await cli.run(['tokens', 'import', SIGNED, '--psk-file', psk, '--signer-cert', psk])).code, 2);
  });

  test('imports the signed file without --signer-cert as before, but says on standard error that the signature was not verified', async () => {
    const r = await cli.run(['tokens', 'import', SIGNED, '--psk-file', psk]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^注意: .*検証していません/);
  });
});

describe('tokens import and plaintext or weak files', () => {
  test('refuses a CSV file without --allow-plaintext and imports it with', async () => {
    const csv = join(FIXTURES, 'csv/good-hex.csv');
    const refused = await cli.run(['tokens', 'import', csv]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /平文/);
    assert.equal((await cli.run(['tokens', 'import', csv, '--allow-plaintext'])).code, 0);
    assert.equal(await stockCount(), 5);
  });

  test('refuses a pre-RFC draft by name, never ending with exit 0 and nothing imported', async () => {
    const r = await cli.run(['tokens', 'import', join(FIXTURES, 'pskc/draft-device.pskc'), '--allow-plaintext']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /RFC 6030 より前の形式（Device要素/);
  });

  test('warns about a PBKDF2 of 1,000 iterations (RFC 6030 Figure 7) and imports it', async () => {
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'qwerty\n');
    const r = await cli.run(['tokens', 'import', join(FIXTURES, 'pskc/rfc6030-figure7.pskc'), '--passphrase-file', pass]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^注意: パスフレーズ鍵導出（PBKDF2）の反復回数が10万回未満です（1,000回）/);
  });
});
