// The operator's CLI (product.md §6) as the bank's staff use it: exit codes, messages, no secret in argv.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { hmacKey } from '../src/otp/hotp.ts';
import { totp } from '../src/otp/totp.ts';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

let cli: CliHarness;
beforeEach(() => {
  cli = cliHarness();
});
afterEach(() => cli.close());

async function currentCode(serial: string): Promise<string> {
  const deps = await cli.deps();
  const token = await deps.store.transaction((tx) => tx.tokens.get(serial));
  assert.ok(token !== undefined && token.params.type === 'totp');
  return totp(hmacKey(deps.keyring.open(serial, token.sealed)), deps.now(), token.params);
}

describe('bizotp', () => {
  test('without a command it prints the overview and exits 2; --help exits 0', async () => {
    assert.equal((await cli.run([])).code, 2);
    const help = await cli.run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /tokens verify/);
  });

  test('every command answers --help with exit 0', async () => {
    for (const argv of [['serve'], ['start'], ['migrate'], ['demo'], ['tokens', 'import'], ['tokens', 'list'], ['tokens', 'verify'], ['tokens', 'issue'], ['contracts', 'create'], ['users', 'create'], ['unlock'], ['audit', 'verify'], ['audit', 'checkpoint']]) {
      const r = await cli.run([...argv, '--help']);
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.stdout, /使い方/);
    }
  });

  test('an unknown command or option is a usage error with exit 2', async () => {
    assert.equal((await cli.run(['frobnicate'])).code, 2);
    const r = await cli.run(['tokens', 'list', '--colour']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /使い方/);
  });

  test('contracts create reads both secrets from stdin and refuses weak ones', async () => {
    const weak = await cli.run(['contracts', 'create', '--id', '10000000009', '--name', 'テスト株式会社'], 'abc\nkakunin01\n');
    assert.equal(weak.code, 2);
    const ok = await cli.run(['contracts', 'create', '--id', '10000000009', '--name', 'テスト株式会社'], 'kanri001\nkakunin01\n');
    assert.equal(ok.code, 0, ok.stderr);
    const again = await cli.run(['contracts', 'create', '--id', '10000000009', '--name', 'テスト株式会社'], 'kanri001\nkakunin01\n');
    assert.equal(again.code, 1);
    const bad = await cli.run(['contracts', 'create', '--id', '１0000000009', '--name', 'x'], 'kanri001\nkakunin01\n');
    assert.equal(bad.code, 2);
  });

  test('demo loads once; tokens verify accepts a current code once, then refuses its replay with exit 1', async () => {
    assert.equal((await cli.run(['demo'])).code, 0);
    assert.equal((await cli.run(['demo'])).code, 1, 'the demo is only loaded into an empty database');
    const list = await cli.run(['tokens', 'list', '--contract', '10000000001']);
    assert.equal(list.stdout.trim().split('\n').length, 1 + 5);
    const code = await currentCode('10000000000011');
    const first = await cli.run(['tokens', 'verify', '10000000000011'], `${code}\n`);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const replay = await cli.run(['tokens', 'verify', '10000000000011'], `${code}\n`);
    assert.equal(replay.code, 1);
    assert.match(replay.stdout, /replayed/);
    const malformed = await cli.run(['tokens', 'verify', '10000000000011'], '１２３４５６\n');
    assert.equal(malformed.code, 2);
  });

  test('a stock token issued to a contract arrives with no failures counted, since a token in stock cannot be locked', async () => {
    assert.equal((await cli.run(['demo'])).code, 0);
    const deps = await cli.deps();
    const serial = '10000000000099';
    const sealed = deps.keyring.seal(serial, Buffer.alloc(20, 7));
    await deps.store.transaction((tx) =>
      tx.tokens.insertBatch([{ serial, kind: 'hardware', model: 'hw1', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, sealed, counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'in_stock' }]),
    );
    const code = await currentCode(serial);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await cli.run(['tokens', 'verify', serial], `${wrong}\n`)).code, 1);
    assert.equal((await deps.store.transaction((tx) => tx.tokens.get(serial)))?.consecutiveFailures, 5);
    const issued = await cli.run(['tokens', 'issue', serial, '--contract', '10000000001', '--operator', 'tanaka', '--reason', '在庫から発行']);
    assert.equal(issued.code, 0, issued.stdout + issued.stderr);
    const after = await deps.store.transaction((tx) => tx.tokens.get(serial));
    assert.deepEqual([after?.status, after?.consecutiveFailures], ['issued', 0]);
  });

  test('audit verify passes on an intact log and names an edited entry', async () => {
    assert.equal((await cli.run(['demo'])).code, 0);
    const intact = await cli.run(['audit', 'verify']);
    assert.equal(intact.code, 0, intact.stdout);
    // Tamper below the domain, as someone with database access would.
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(cli.dbPath);
    db.exec('DROP TRIGGER audit_log_no_update'); // the log is append-only; an attacker with DDL rights drops that first
    db.prepare("UPDATE audit_log SET outcome = 'forged' WHERE chain = '10000000001' AND seq = 2").run();
    db.close();
    const edited = await cli.run(['audit', 'verify']);
    assert.equal(edited.code, 1);
    assert.match(edited.stdout, /10000000001#2/);
  });
});
