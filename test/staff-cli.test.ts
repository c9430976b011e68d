// bizotp staff create | list | disable | unlock: the bank's system administrator manages staff accounts;
// the password comes from stdin, every change is audited on the bank's chain with the operator and 理由.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BANK_CHAIN } from '../src/domain/audit.ts';
import { MAX_STAFF_FAILURES } from '../src/domain/staff-accounts.ts';
import { cliHarness } from './support/cli-harness.ts';

test('staff create reads the initial password from stdin, refuses a short one, a bad role and a taken id', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  assert.equal((await cli.run(['staff', 'create', '--name', '山田太郎', '--role', 'operator', '--id', 'yamada'], 'short\n')).code, 2);
  assert.equal((await cli.run(['staff', 'create', '--name', '山田太郎', '--role', 'boss', '--id', 'yamada'], 'long-enough-pass\n')).code, 2);
  const made = await cli.run(['staff', 'create', '--name', '山田太郎', '--role', 'operator', '--id', 'yamada'], 'long-enough-pass\n');
  assert.equal(made.code, 0, made.stderr);
  assert.equal((await cli.run(['staff', 'create', '--name', '別人', '--role', 'viewer', '--id', 'yamada'], 'long-enough-pass\n')).code, 1);
  const auto = await cli.run(['staff', 'create', '--name', '鈴木花子', '--role', 'approver'], 'long-enough-pass\n');
  assert.match(auto.stdout, /職員 S\d{6}（鈴木花子、approver）/);
  const list = await cli.run(['staff', 'list']);
  assert.match(list.stdout, /yamada\t山田太郎\toperator\t認証アプリ未登録/);
  assert.doesNotMatch(list.stdout + made.stdout + made.stderr, /long-enough-pass|argon2/);
  const deps = await cli.deps();
  const created = (await deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).filter((e) => e.action === 'staff.create');
  assert.equal(created.length, 2);
});

test('staff disable and staff unlock need --operator and --reason, and are audited with both', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  await cli.run(['staff', 'create', '--name', '山田太郎', '--role', 'operator', '--id', 'yamada'], 'long-enough-pass\n');
  assert.equal((await cli.run(['staff', 'unlock', 'yamada', '--operator', '佐藤'])).code, 2, 'no --reason');
  assert.equal((await cli.run(['staff', 'unlock', 'yamada', '--operator', '佐藤', '--reason', '本人確認済み'])).code, 1, 'not locked');
  const deps = await cli.deps();
  await deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_STAFF_FAILURES; i++) await tx.staff.beginAttempt('yamada', MAX_STAFF_FAILURES);
  });
  assert.match((await cli.run(['staff', 'list'])).stdout, /yamada\t山田太郎\toperator\tロック中/);
  assert.equal((await cli.run(['staff', 'unlock', 'yamada', '--operator', '佐藤', '--reason', '本人確認済み'])).code, 0);
  assert.equal((await cli.run(['staff', 'disable', 'yamada', '--operator', '佐藤', '--reason', '退職'])).code, 0);
  assert.equal((await cli.run(['staff', 'disable', 'yamada', '--operator', '佐藤', '--reason', '退職'])).code, 1);
  assert.match((await cli.run(['staff', 'list'])).stdout, /yamada\t山田太郎\toperator\t利用停止/);
  const entries = (await deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).filter((e) => e.action === 'staff.disable' || e.action === 'staff.unlock');
  assert.deepEqual(entries.map((e) => [e.action, e.actor, JSON.parse(e.detail).reason]), [
    ['staff.unlock', 'staff:佐藤', '本人確認済み'],
    ['staff.disable', 'staff:佐藤', '退職'],
  ]);
});
