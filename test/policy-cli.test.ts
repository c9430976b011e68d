// bizotp policy transaction-auth: the bank shows and changes the 取引認証 policy from the CLI; a change needs
// --operator and --reason and is audited on the bank's chain with both, the old and the new policy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BANK_CHAIN } from '../src/domain/audit.ts';
import { cliHarness } from './support/cli-harness.ts';

const STAFF = ['--operator', '佐藤', '--reason', '取引認証の開始'];

test('policy transaction-auth shows the default (off), then each change, audited with the operator and reason', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  const shown = await cli.run(['policy', 'transaction-auth']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /取引認証: 取引認証を使用しない（初期設定）/);
  const above = await cli.run(['policy', 'transaction-auth', 'above', '1,000,000', ...STAFF]);
  assert.equal(above.code, 0, above.stderr);
  assert.match(above.stdout, /取引認証の設定を「1,000,000円を超える資金移動で取引認証を使用する」に変更しました。/);
  assert.match((await cli.run(['policy', 'transaction-auth'])).stdout, /1,000,000円を超える資金移動で取引認証を使用する（.*staff:佐藤）/);
  assert.equal((await cli.run(['policy', 'transaction-auth', 'all', ...STAFF])).code, 0);
  assert.match((await cli.run(['policy', 'transaction-auth', 'all', ...STAFF])).stdout, /変更はありません/);
  assert.equal((await cli.run(['policy', 'transaction-auth', 'off', ...STAFF])).code, 0);
  const deps = await cli.deps();
  assert.deepEqual((await deps.store.transaction((tx) => tx.transactionAuth.policy())).policy, { mode: 'off' });
  const entries = (await deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).filter((e) => e.action === 'policy.transaction_auth');
  assert.deepEqual(entries.map((e) => [e.actor, e.outcome, JSON.parse(e.detail)]), [
    ['staff:佐藤', 'changed', { reason: '取引認証の開始', from: 'off', to: 'above:1000000' }],
    ['staff:佐藤', 'changed', { reason: '取引認証の開始', from: 'above:1000000', to: 'all' }],
    ['staff:佐藤', 'unchanged', { reason: '取引認証の開始', from: 'all', to: 'all' }],
    ['staff:佐藤', 'changed', { reason: '取引認証の開始', from: 'all', to: 'off' }],
  ]);
});

test('policy transaction-auth refuses a change without --operator or --reason, an unknown mode and a bad amount (exit 2)', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  assert.equal((await cli.run(['policy', 'transaction-auth', 'all', '--operator', '佐藤'])).code, 2, 'no --reason');
  assert.equal((await cli.run(['policy', 'transaction-auth', 'all', '--reason', '理由'])).code, 2, 'no --operator');
  assert.equal((await cli.run(['policy', 'transaction-auth', 'some', ...STAFF])).code, 2);
  assert.equal((await cli.run(['policy', 'transaction-auth', 'above', ...STAFF])).code, 2, 'above without an amount');
  assert.equal((await cli.run(['policy', 'transaction-auth', 'above', '１００', ...STAFF])).code, 2, 'full-width digits');
  assert.equal((await cli.run(['policy', 'transaction-auth', 'all', '100', ...STAFF])).code, 2, 'an amount for all');
  const deps = await cli.deps();
  assert.deepEqual((await deps.store.transaction((tx) => tx.transactionAuth.policy())).policy, { mode: 'off' });
});
