// TransactionAuthStore (migration 14): the bank's one policy row and spending a signing response once by a
// conditional INSERT.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const T = 29_000_000n;
const spent = (question: string, timeStep = T, draftId = 'd1') => ({ serial: '20000000000001', timeStep, question, draftId, usedAtMs: T0_MS });

export function transactionAuthCases(open: OpenStore): void {
  test('the policy starts off and keeps what was set, with when and by whom', async (t) => {
    const s = await setup(t, open);
    assert.deepEqual((await s.tx((tx) => tx.transactionAuth.policy())).policy, { mode: 'off' });
    await s.tx((tx) => tx.transactionAuth.setPolicy({ mode: 'above', thresholdYen: 999_999_999_999n }, T0_MS, 'staff:yamada'));
    assert.deepEqual(await s.tx((tx) => tx.transactionAuth.policy()), { policy: { mode: 'above', thresholdYen: 999_999_999_999n }, changedAtMs: T0_MS, changedBy: 'staff:yamada' });
    await s.tx((tx) => tx.transactionAuth.setPolicy({ mode: 'all' }, T0_MS + 1, 'staff:suzuki'));
    assert.deepEqual((await s.tx((tx) => tx.transactionAuth.policy())).policy, { mode: 'all' });
  });

  test('a response is spent once per token, time step and question; another step or question is another response', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('20000000000001', { kind: 'software', model: 'sw' });
    assert.equal(await s.tx((tx) => tx.transactionAuth.spend(spent('1500000012345'))), true);
    assert.equal(await s.tx((tx) => tx.transactionAuth.spend(spent('1500000012345', T, 'd2'))), false, 'replayed for another draft');
    assert.equal(await s.tx((tx) => tx.transactionAuth.spend(spent('1500000012345', T + 1n))), true);
    assert.equal(await s.tx((tx) => tx.transactionAuth.spend(spent('1500010012345'))), true);
  });

  test('parallel spends of one response: exactly one succeeds (a conditional insert, not check-then-set)', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('20000000000001', { kind: 'software', model: 'sw' });
    const meet = s.overlap();
    const results = await s.parallel(8, async (tx, i) => {
      await meet();
      return tx.transactionAuth.spend(spent('1500000012345', T, `d${i}`));
    });
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('a spend rolled back with its transaction leaves the response unspent', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('20000000000001', { kind: 'software', model: 'sw' });
    await assert.rejects(s.tx(async (tx) => {
      await tx.transactionAuth.spend(spent('1500000012345'));
      throw new Error('the payment failed');
    }));
    assert.equal(await s.tx((tx) => tx.transactionAuth.spend(spent('1500000012345'))), true);
  });
}
