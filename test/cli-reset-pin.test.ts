// bizotp contracts reset-pin: the bank's 暗証番号再発行 from the operator's terminal.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { adminLogin } from '../src/domain/contracts.ts';
import { parseSecret } from '../src/domain/inputs.ts';
import { userLogin } from '../src/domain/user-login.ts';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

const C = '10000000001';
const STAFF = ['--operator', 'sato', '--reason', '管理者から暗証番号失念の連絡'];
let cli: CliHarness;
beforeEach(async () => {
  cli = cliHarness();
  assert.equal((await cli.run(['demo'])).code, 0);
});
afterEach(() => cli.close());

describe('bizotp contracts reset-pin', () => {
  test('--help explains the command and exits 0', async () => {
    const r = await cli.run(['contracts', 'reset-pin', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /使い方/);
  });

  test('resets the ご契約先暗証番号: prints the one-time value alone on stdout, which then logs in, and audits operator and reason', async () => {
    const r = await cli.run(['contracts', 'reset-pin', C, '--admin-password', ...STAFF]);
    assert.equal(r.code, 0, r.stderr);
    const value = r.stdout.trim();
    assert.equal(parseSecret(value, 'x').ok, true);
    const deps = await cli.deps();
    assert.equal((await adminLogin(deps, { actor: 't', ip: 't' }, C, value)).ok, true);
    const entry = (await deps.store.transaction((tx) => tx.audit.entries(C))).find((e) => e.action === 'credential.reset');
    assert.equal(entry?.actor, 'staff:sato');
    assert.match(entry?.detail ?? '', /管理者から暗証番号失念の連絡/);
    assert.doesNotMatch(entry?.detail ?? '', new RegExp(value));
  });

  test("resets a user's 利用者暗証番号 with --user LOGIN --password", async () => {
    const r = await cli.run(['contracts', 'reset-pin', C, '--user', 'user03', '--password', ...STAFF]);
    assert.equal(r.code, 0, r.stderr);
    const deps = await cli.deps();
    assert.equal((await userLogin(deps, { actor: 't', ip: 't' }, C, 'user03', r.stdout.trim())).ok, true);
    assert.equal((await deps.store.transaction((tx) => tx.users.get(C, 'user03')))?.passwordMustChange, true);
  });

  test('refuses an unknown contract or user with exit 1, and bad usage with exit 2', async () => {
    assert.equal((await cli.run(['contracts', 'reset-pin', '19999999999', '--confirm-pin', ...STAFF])).code, 1);
    assert.equal((await cli.run(['contracts', 'reset-pin', C, '--user', 'nobody', '--confirm-pin', ...STAFF])).code, 1);
    for (const argv of [
      [C, '--confirm-pin', '--operator', 'sato'],
      [C, '--confirm-pin', '--reason', 'x'],
      [C, '--admin-password', '--confirm-pin', ...STAFF],
      [C, ...STAFF],
      [C, '--user', 'user01', '--admin-password', ...STAFF],
      [C, '--password', ...STAFF],
      ['1000', '--confirm-pin', ...STAFF],
    ]) {
      const r = await cli.run(['contracts', 'reset-pin', ...argv]);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});
