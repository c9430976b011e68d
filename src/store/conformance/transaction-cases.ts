// Store.transaction: all or nothing, and store objects live only as long as their transaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoreTx } from '../../domain/store-ports.ts';
import { aContract, aSession, aToken, aUser, CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

export function transactionCases(open: OpenStore): void {
  test('a transaction returns what its function returns and its writes are visible afterwards', async (t) => {
    const s = await setup(t, open);
    const result = await s.tx(async (tx) => {
      await tx.contracts.insert(aContract());
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal((await s.tx((tx) => tx.contracts.get(CONTRACT_ID)))?.id, CONTRACT_ID);
  });

  test('a transaction whose function throws rejects with that error and leaves nothing behind', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('R0000001', { contractId: CONTRACT_ID, status: 'registered' });
    const failure = new Error('payment refused after the OTP');
    await assert.rejects(s.tx(async (tx) => {
      await tx.tokens.insertBatch([aToken('R0000002')]);
      await tx.tokens.consume('R0000001', 7n, 1);
      await tx.tokens.transition('R0000001', ['registered'], 'locked');
      await tx.users.insert(aUser('user01'));
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user01', serial: 'R0000001', form: 'per_user', registeredAtMs: T0_MS });
      await tx.contracts.setOtpForm(CONTRACT_ID, 'per_user', T0_MS);
      const head = await tx.audit.lockHead(CONTRACT_ID);
      await tx.audit.append({ chain: CONTRACT_ID, seq: head.seq + 1, atMs: T0_MS, actor: 'a', action: 'b', target: 'c', outcome: 'd', detail: '{}', ip: '127.0.0.1', prevHash: head.hash, hash: 'h1' });
      await tx.sessions.insert(aSession('s1'));
      throw failure;
    }), (error) => error === failure);
    const after = await s.tx(async (tx: StoreTx) => ({
      newToken: await tx.tokens.get('R0000002'),
      token: await tx.tokens.get('R0000001'),
      user: await tx.users.get(CONTRACT_ID, 'user01'),
      registrations: await tx.registrations.history(CONTRACT_ID),
      form: (await tx.contracts.get(CONTRACT_ID))?.otpForm,
      audit: await tx.audit.entries(),
      session: await tx.sessions.get('s1'),
    }));
    assert.deepEqual(after, {
      newToken: undefined,
      token: { ...aToken('R0000001', { contractId: CONTRACT_ID, status: 'registered' }), drift: 0, lastCounter: null, consecutiveFailures: 0 },
      user: undefined,
      registrations: [],
      form: 'none',
      audit: [],
      session: undefined,
    });
  });

  test('a failing statement rejects the transaction and rolls back its earlier writes', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await assert.rejects(s.tx(async (tx) => {
      await tx.tokens.insertBatch([aToken('R0000003')]);
      await tx.contracts.insert(aContract(CONTRACT_ID)); // duplicate primary key
    }));
    assert.equal(await s.tx((tx) => tx.tokens.get('R0000003')), undefined);
  });

  test('store objects kept past the end of their transaction refuse to be used', async (t) => {
    const s = await setup(t, open);
    const leaked = await s.tx(async (tx) => tx);
    await assert.rejects(leaked.contracts.insert(aContract()));
    assert.equal(await s.tx((tx) => tx.contracts.get(CONTRACT_ID)), undefined);
  });

  test('a transaction started inside another transaction of the same store is refused', async (t) => {
    const s = await setup(t, open);
    await assert.rejects(s.tx(async () => s.tx(async () => 'nested')));
    assert.equal(await s.tx(async () => 'still usable'), 'still usable');
  });

  test('work scheduled by a transaction to run after it ended may start a transaction of its own', async (t) => {
    const s = await setup(t, open);
    let later: Promise<string> = Promise.resolve('not scheduled');
    await s.tx(async () => {
      later = new Promise((resolve, reject) => {
        setImmediate(() => s.tx(async () => 'after commit').then(resolve, reject));
      });
    });
    assert.equal(await later, 'after commit');
  });
}
