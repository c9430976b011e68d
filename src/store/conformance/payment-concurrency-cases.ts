// Parallel transactions against the ledger's rows: a draft is claimed once, a balance never goes below zero
// and a daily total never passes its limit, however many transactions race (store-ports.ts contract).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTRACT_ID, T0_MS } from './fixtures.ts';
import { aDraft, anAccount, DAY, draftId } from './payment-fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const PARALLEL = 50;

export function paymentConcurrencyCases(open: OpenStore): void {
  test('50 parallel claims of one draft succeed exactly once', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const account = await s.tx((tx) => tx.accounts.insert(anAccount()));
    await s.tx((tx) => tx.paymentDrafts.insert(aDraft(draftId(7), account.id)));
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      await meet();
      return (await tx.paymentDrafts.claim(draftId(7), CONTRACT_ID, 'user01', T0_MS)) !== undefined;
    });
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('50 parallel debits of 1/10 of the balance each succeed exactly 10 times', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const account = await s.tx((tx) => tx.accounts.insert(anAccount({ balanceYen: 1000n })));
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      await meet();
      return (await tx.accounts.debit(account.id, CONTRACT_ID, 100n)) !== undefined;
    });
    assert.equal(results.filter(Boolean).length, 10);
    assert.equal((await s.tx((tx) => tx.accounts.get(account.id)))?.balanceYen, 0n);
  });

  test('50 parallel reservations against a new day\'s limit pass exactly as many as fit', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      await meet();
      return tx.transferLimits.reserveDaily(CONTRACT_ID, DAY, 300n, 2000n);
    });
    assert.equal(results.filter(Boolean).length, 6);
    assert.equal(await s.tx((tx) => tx.transferLimits.usedOn(CONTRACT_ID, DAY)), 1800n);
  });
}
