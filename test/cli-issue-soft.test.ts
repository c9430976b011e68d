// bizotp tokens issue-soft: the QR code file (PNG or SVG, mode 0600, never over an existing file) decodes to
// the otpauth URI whose codes the server accepts; only the serial is printed; exit codes 0 / 1 / 2.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { generateSync } from 'otplib';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';
import { decodeQrPng, decodeQrSvg } from './support/qr-decode.ts';

const C = '10000000001';
const STAFF = ['--operator', 'sato', '--reason', '認証アプリ希望'];

let cli: CliHarness;
let dir: string;
beforeEach(async () => {
  cli = cliHarness();
  dir = mkdtempSync(join(tmpdir(), 'bizotp-qr-'));
  assert.equal((await cli.run(['demo'])).code, 0);
});
afterEach(() => cli.close());

async function tokenCount(): Promise<number> {
  const deps = await cli.deps();
  return deps.store.transaction((tx) => tx.tokens.count());
}

function serialOf(stdout: string): string {
  const m = /ソフトウェアトークン (2\d{13}) /.exec(stdout);
  assert.ok(m !== null, stdout);
  return m[1] ?? '';
}

/** The current code, as an authenticator app computes it from the URI alone. */
function appCode(uri: string, nowMs: number): string {
  const q = new URL(uri).searchParams;
  return generateSync({ secret: q.get('secret') ?? '', algorithm: 'sha1', digits: 6, period: Number(q.get('period')), epoch: Math.floor(nowMs / 1000) });
}

describe('bizotp tokens issue-soft', () => {
  test('answers --help with exit 0', async () => {
    const r = await cli.run(['tokens', 'issue-soft', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /使い方: bizotp tokens issue-soft/);
  });

  test('writes a PNG QR code readable only by its owner, prints the serial and never the secret, and the server accepts the code the URI gives', async () => {
    const file = join(dir, 'token.png');
    const r = await cli.run(['tokens', 'issue-soft', '--contract', C, '--qr', file, ...STAFF]);
    assert.equal(r.code, 0, r.stderr);
    const serial = serialOf(r.stdout);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const uri = decodeQrPng(readFileSync(file));
    const parsed = new URL(uri);
    assert.equal(decodeURIComponent(parsed.pathname), `/しんきん法人IB:${C}-${serial}`);
    assert.deepEqual([...parsed.searchParams.keys()], ['secret', 'issuer', 'algorithm', 'digits', 'period']);
    assert.deepEqual([parsed.searchParams.get('issuer'), parsed.searchParams.get('algorithm'), parsed.searchParams.get('digits'), parsed.searchParams.get('period')], ['しんきん法人IB', 'SHA1', '6', '30']);
    const secret = parsed.searchParams.get('secret') ?? '';
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));

    const deps = await cli.deps();
    const verified = await cli.run(['tokens', 'verify', serial], `${appCode(uri, deps.now())}\n`);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const shown = await cli.run(['tokens', 'show', serial, '--json']);
    assert.ok(!shown.stdout.includes(secret));
    const audit = JSON.stringify(await deps.store.transaction((tx) => tx.audit.entries(C)));
    assert.ok(!audit.includes(secret));
    assert.match(audit, /認証アプリ希望/);
  });

  test('writes an SVG QR code when the file ends .svg', async () => {
    const file = join(dir, 'token.svg');
    const r = await cli.run(['tokens', 'issue-soft', '--contract', C, '--qr', file, ...STAFF]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const uri = decodeQrSvg(readFileSync(file, 'utf8'));
    assert.ok(uri.includes(`${C}-${serialOf(r.stdout)}?secret=`));
  });

  test('refuses (exit 1) to write over an existing file, and issues nothing', async () => {
    const file = join(dir, 'exists.png');
    writeFileSync(file, 'keep me');
    const before = await tokenCount();
    const r = await cli.run(['tokens', 'issue-soft', '--contract', C, '--qr', file, ...STAFF]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /既にあります/);
    assert.equal(readFileSync(file, 'utf8'), 'keep me');
    assert.equal(await tokenCount(), before);
  });

  test('an unknown contract is refused (exit 1) and leaves no file behind', async () => {
    const file = join(dir, 'none.png');
    const before = await tokenCount();
    const r = await cli.run(['tokens', 'issue-soft', '--contract', '19999999999', '--qr', file, ...STAFF]);
    assert.equal(r.code, 1);
    assert.equal(existsSync(file), false);
    assert.equal(await tokenCount(), before);
  });

  test('a missing or malformed option is a usage error (exit 2) that creates nothing', async () => {
    const file = join(dir, 'x.png');
    const before = await tokenCount();
    for (const argv of [
      ['--qr', file, ...STAFF],
      ['--contract', C, ...STAFF],
      ['--contract', C, '--qr', file, '--reason', 'x'],
      ['--contract', C, '--qr', file, '--operator', 'sato'],
      ['--contract', C, '--qr', join(dir, 'x.jpg'), ...STAFF],
      ['--contract', '123', '--qr', file, ...STAFF],
      ['--contract', C, '--qr', file, '--bogus', ...STAFF],
    ]) {
      const r = await cli.run(['tokens', 'issue-soft', ...argv]);
      assert.equal(r.code, 2, argv.join(' '));
    }
    assert.equal(existsSync(file), false);
    assert.equal(await tokenCount(), before);
  });
});
