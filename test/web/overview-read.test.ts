// An admin screen that shows the contract's overview reads it in the statement that finds the session, on
// a GET only: one round trip to PostgreSQL instead of two (bench: the registration screen's p99), never
// data read before a change the same request made.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SESSION_TOUCH_INTERVAL_MS } from '../../src/domain/policy.ts';
import type { StoreTx } from '../../src/domain/store-ports.ts';
import { agent } from './agent.ts';
import { A, B, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let reads: { all: number; withListing: number; transactions: number };
beforeEach(async () => {
  f = await setup({ users: 3 });
  const store = f.deps.store;
  const read = store.read?.bind(store);
  const transaction = store.transaction.bind(store);
  assert.ok(read !== undefined, 'the SQLite store has a read path');
  reads = { all: 0, withListing: 0, transactions: 0 };
  const counted = (tx: StoreTx): StoreTx => ({
    ...tx,
    sessions: {
      ...tx.sessions,
      getWithContractListing: (idHash: string) => {
        reads.withListing += 1;
        return tx.sessions.getWithContractListing(idHash);
      },
    },
  });
  Object.assign(store, {
    read: <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
      reads.all += 1;
      return read((tx) => fn(counted(tx)));
    },
    transaction: <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
      reads.transactions += 1;
      return transaction(fn);
    },
  });
});
afterEach(async () => {
  await f.close();
});

const reset = (): void => {
  reads.all = 0;
  reads.withListing = 0;
  reads.transactions = 0;
};

describe('an admin screen with the contract overview', () => {
  it('is read in one statement with the session on a GET, for every such screen, and shows the session\'s contract', async () => {
    const admin = agent(f.createApp());
    assert.equal((await admin.login(A.contractId, A.adminPassword)).status, 303);
    const loginId = (await admin.get('/users')).body.match(/<tr data-login-id="([^"]+)"/)?.[1] ?? '';
    assert.notEqual(loginId, '');
    const screens = [
      '/menu', '/menu/contract', '/otp/form', '/otp/register/per-user', '/otp/register/shared', '/users', '/users/new',
      ...['edit', 'delete', 'unlock', 'unregister'].map((operation) => `/users/${operation}?loginId=${loginId}`),
    ];
    for (const path of screens) {
      reset();
      const page = await admin.get(path);
      // 利用中止解除 of a user not locked and 登録解除 of one without a token answer the list with the reason.
      assert.ok(page.status === 200 || page.status === 422, `${path}: ${page.status}`);
      assert.deepEqual(reads, { all: 1, withListing: 1, transactions: 0 }, path);
      assert.match(page.body, new RegExp(A.contractName), path);
    }
    reset();
    const rows = (body: string): string[] => [...body.matchAll(/<tr data-login-id="([^"]+)"/g)].map((m) => m[1] ?? '');
    const ours = rows((await admin.get('/users')).body);
    assert.equal(ours.length, 3);
    assert.ok(!ours.includes(B.loginId));

    const other = agent(f.createApp());
    assert.equal((await other.login(B.contractId, B.adminPassword)).status, 303);
    reset();
    const theirs = await other.get('/users');
    assert.equal(reads.withListing, 1);
    assert.deepEqual(rows(theirs.body), [B.loginId]);
    assert.match(theirs.body, new RegExp(B.contractName));
  });

  it('is never taken with the session on a POST: a page shown after a change reads the contract afresh', async () => {
    const admin = agent(f.createApp());
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/otp/form');
    reset();
    // 利用形態の選択 with nothing chosen: the form again, with the overview read on its own.
    const again = await admin.post('/otp/form', {});
    assert.equal(again.status, 422);
    assert.equal(reads.withListing, 0);
    assert.ok(reads.all >= 2, `the session and then the overview (${reads.all} reads)`);
  });

  it('is read on its own when the session needs its write first (marked used, or timed out)', async () => {
    const admin = agent(f.createApp());
    await admin.login(A.contractId, A.adminPassword);
    f.clock.advance(SESSION_TOUCH_INTERVAL_MS);
    reset();
    const page = await admin.get('/users');
    assert.equal(page.status, 200);
    assert.equal(page.body.match(/<tr data-login-id=/g)?.length, 3);
    assert.equal(reads.transactions, 1, 'the session marked used');
    assert.equal(reads.all, 2, 'the session with its listing, then the overview after the write');
  });
});
