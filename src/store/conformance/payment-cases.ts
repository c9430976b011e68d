// The users' side: 利用者確認暗証番号 counters, accounts and debits, limits and daily totals, drafts, the ledger
// and API keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { aDraft, anAccount, anEntry, DAY, draftId } from './payment-fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

export function paymentCases(open: OpenStore): void {
  test('利用者確認暗証番号 attempts count up to their limit, return the hash, and reset', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    const first = await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user01', 2));
    assert.deepEqual(first, { confirmPinHash: aUser('user01').confirmPinHash, failures: 1 });
    assert.equal((await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user01', 2)))?.failures, 2);
    assert.equal(await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user01', 2)), undefined);
    assert.equal(await s.tx((tx) => tx.userPins.failures(CONTRACT_ID, 'user01')), 2);
    assert.equal((await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user01')))?.loginFailures, 0, 'the login counter is another one');
    await s.tx((tx) => tx.userPins.reset(CONTRACT_ID, 'user01'));
    assert.equal(await s.tx((tx) => tx.userPins.failures(CONTRACT_ID, 'user01')), 0);
    assert.equal(await s.tx((tx) => tx.userPins.failures(CONTRACT_ID, 'nobody')), undefined);
  });

  test('userPins.failuresOfContract gives every user of the contract and only them, by 利用者ID', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.contracts(OTHER_CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    await s.tx((tx) => tx.users.insert(aUser('user02')));
    await s.tx((tx) => tx.users.insert(aUser('user09', { contractId: OTHER_CONTRACT_ID })));
    await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user02', 5));
    await s.tx((tx) => tx.userPins.beginAttempt(OTHER_CONTRACT_ID, 'user09', 5));
    const failures = await s.tx((tx) => tx.userPins.failuresOfContract(CONTRACT_ID));
    assert.deepEqual([...failures.entries()].sort(), [['user01', 0], ['user02', 1]]);
  });

  test('userPins.holdUnlocked is true while the PIN has fewer failures than the maximum, never changing the count', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user01', 2));
    assert.equal(await s.tx((tx) => tx.userPins.holdUnlocked(CONTRACT_ID, 'user01', 2)), true);
    await s.tx((tx) => tx.userPins.beginAttempt(CONTRACT_ID, 'user01', 2));
    assert.equal(await s.tx((tx) => tx.userPins.holdUnlocked(CONTRACT_ID, 'user01', 2)), false, 'locked');
    assert.equal(await s.tx((tx) => tx.userPins.holdUnlocked(CONTRACT_ID, 'nobody', 2)), false, 'unknown');
    assert.equal(await s.tx((tx) => tx.userPins.failures(CONTRACT_ID, 'user01')), 2);
  });

  test('an account keeps its balance as an exact bigint and a debit never takes it below zero', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    const big = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a JavaScript number
    const account = await s.tx((tx) => tx.accounts.insert(anAccount({ balanceYen: big })));
    assert.deepEqual(await s.tx((tx) => tx.accounts.get(account.id)), account);
    assert.equal(account.balanceYen, big);
    assert.equal(await s.tx((tx) => tx.accounts.debit(account.id, CONTRACT_ID, 2n)), big - 2n);
    assert.equal(await s.tx((tx) => tx.accounts.debit(account.id, OTHER_CONTRACT_ID, 1n)), undefined, 'another contract cannot debit it');
    assert.equal(await s.tx((tx) => tx.accounts.debit(account.id, CONTRACT_ID, big)), undefined, 'more than the balance');
    assert.equal(await s.tx((tx) => tx.accounts.debit(account.id, CONTRACT_ID, big - 2n)), 0n, 'exactly the balance');
    assert.deepEqual((await s.tx((tx) => tx.accounts.list(CONTRACT_ID))).map((a) => a.balanceYen), [0n]);
    assert.deepEqual(await s.tx((tx) => tx.accounts.list(OTHER_CONTRACT_ID)), []);
  });

  test('limits are set and replaced, and the daily total grows only while it stays within the limit', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    assert.equal(await s.tx((tx) => tx.transferLimits.get(CONTRACT_ID)), undefined);
    await s.tx((tx) => tx.transferLimits.set({ contractId: CONTRACT_ID, perPaymentYen: 100n, dailyYen: 300n }));
    await s.tx((tx) => tx.transferLimits.set({ contractId: CONTRACT_ID, perPaymentYen: 200n, dailyYen: 500n }));
    assert.deepEqual(await s.tx((tx) => tx.transferLimits.get(CONTRACT_ID)), { contractId: CONTRACT_ID, perPaymentYen: 200n, dailyYen: 500n });
    assert.equal(await s.tx((tx) => tx.transferLimits.usedOn(CONTRACT_ID, DAY)), 0n);
    assert.equal(await s.tx((tx) => tx.transferLimits.reserveDaily(CONTRACT_ID, DAY, 300n, 500n)), true);
    assert.equal(await s.tx((tx) => tx.transferLimits.reserveDaily(CONTRACT_ID, DAY, 201n, 500n)), false);
    assert.equal(await s.tx((tx) => tx.transferLimits.reserveDaily(CONTRACT_ID, DAY, 200n, 500n)), true, 'up to the limit exactly');
    assert.equal(await s.tx((tx) => tx.transferLimits.reserveDaily(CONTRACT_ID, '2025-01-07', 500n, 500n)), true, 'a new day starts at zero');
    await s.tx((tx) => tx.transferLimits.releaseDaily(CONTRACT_ID, DAY, 200n));
    assert.equal(await s.tx((tx) => tx.transferLimits.usedOn(CONTRACT_ID, DAY)), 300n);
    await assert.rejects(s.tx((tx) => tx.transferLimits.releaseDaily(CONTRACT_ID, DAY, 301n)), 'releasing more than was reserved is a bug');
  });

  test('a draft is claimed once, only by its own user before it expires, and can be reopened or refused', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const account = await s.tx((tx) => tx.accounts.insert(anAccount()));
    const id = draftId(1);
    await s.tx((tx) => tx.paymentDrafts.insert(aDraft(id, account.id, { amountYen: 2n ** 40n })));
    const stored = await s.tx((tx) => tx.paymentDrafts.get(id));
    assert.deepEqual(stored, { ...aDraft(id, account.id, { amountYen: 2n ** 40n }), status: 'pending', refusal: null, settledAtMs: null });
    assert.equal(await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user02', T0_MS)), undefined, 'another user');
    assert.equal(await s.tx((tx) => tx.paymentDrafts.claim(id, OTHER_CONTRACT_ID, 'user01', T0_MS)), undefined, 'another contract');
    assert.equal(await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user01', T0_MS + 300_000)), undefined, 'expired');
    const claimed = await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user01', T0_MS + 1));
    assert.deepEqual([claimed?.status, claimed?.settledAtMs], ['done', T0_MS + 1]);
    assert.equal(await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user01', T0_MS + 2)), undefined, 'already done');
    assert.equal(await s.tx((tx) => tx.paymentDrafts.reopen(id)), true);
    assert.deepEqual(await s.tx((tx) => tx.paymentDrafts.get(id)), stored, 'reopened as it was');
    assert.equal(await s.tx((tx) => tx.paymentDrafts.reopen(id)), false, 'only a done draft reopens');
    assert.equal(await s.tx((tx) => tx.paymentDrafts.refuse(id, 'insufficient_funds')), false, 'only a done draft is refused');
    await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user01', T0_MS + 3));
    assert.equal(await s.tx((tx) => tx.paymentDrafts.refuse(id, 'insufficient_funds')), true);
    const refused = await s.tx((tx) => tx.paymentDrafts.get(id));
    assert.deepEqual([refused?.status, refused?.refusal], ['refused', 'insufficient_funds']);
    assert.equal(await s.tx((tx) => tx.paymentDrafts.claim(id, CONTRACT_ID, 'user01', T0_MS + 4)), undefined);
  });

  test('the ledger keeps one debit per draft, newest first, and refuses a second debit for the same draft', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const account = await s.tx((tx) => tx.accounts.insert(anAccount()));
    for (const n of [1, 2]) await s.tx((tx) => tx.paymentDrafts.insert(aDraft(draftId(n), account.id)));
    const first = await s.tx((tx) => tx.ledger.insert(anEntry(draftId(1), account.id)));
    const second = await s.tx((tx) => tx.ledger.insert(anEntry(draftId(2), account.id, { kind: 'payeasy', amountYen: 2n ** 53n + 1n })));
    assert.equal(second.amountYen, 2n ** 53n + 1n);
    assert.deepEqual(await s.tx((tx) => tx.ledger.forDraft(draftId(1))), first);
    assert.deepEqual(await s.tx((tx) => tx.ledger.history(CONTRACT_ID, 10)), [second, first]);
    assert.deepEqual(await s.tx((tx) => tx.ledger.history(CONTRACT_ID, 1)), [second]);
    await assert.rejects(s.tx((tx) => tx.ledger.insert(anEntry(draftId(1), account.id))));
    assert.equal((await s.tx((tx) => tx.ledger.history(CONTRACT_ID, 10))).length, 2);
  });

  test('an API key is found by its hash until it is revoked, and names are unique', async (t) => {
    const s = await setup(t, open);
    const hash = 'ab'.repeat(32);
    assert.equal(await s.tx((tx) => tx.apiKeys.insert({ name: 'teller', keyHash: hash, createdAtMs: T0_MS })), true);
    assert.equal(await s.tx((tx) => tx.apiKeys.insert({ name: 'teller', keyHash: 'cd'.repeat(32), createdAtMs: T0_MS })), false);
    const unlimited = { contractIds: null, expiresAtMs: null, lastUsedAtMs: null, ratePerMinute: null };
    assert.deepEqual(await s.tx((tx) => tx.apiKeys.findActive(hash)), { name: 'teller', keyHash: hash, createdAtMs: T0_MS, revokedAtMs: null, ...unlimited });
    assert.equal(await s.tx((tx) => tx.apiKeys.findActive('cd'.repeat(32))), undefined);
    assert.equal(await s.tx((tx) => tx.apiKeys.revoke('teller', T0_MS + 1)), true);
    assert.equal(await s.tx((tx) => tx.apiKeys.revoke('teller', T0_MS + 2)), false);
    assert.equal(await s.tx((tx) => tx.apiKeys.findActive(hash)), undefined);
    assert.deepEqual(await s.tx((tx) => tx.apiKeys.list()), [{ name: 'teller', keyHash: hash, createdAtMs: T0_MS, revokedAtMs: T0_MS + 1, ...unlimited }]);
  });

  test('an API key keeps its scope, expiry and rate, and records its last use at most once per interval', async (t) => {
    const s = await setup(t, open);
    const hash = 'ef'.repeat(32);
    await s.tx((tx) => tx.apiKeys.insert({ name: 'scoped', keyHash: hash, createdAtMs: T0_MS, contractIds: ['10000000001', '10000000002'], expiresAtMs: T0_MS + 1000, ratePerMinute: 30 }));
    const key = await s.tx((tx) => tx.apiKeys.findActive(hash));
    assert.deepEqual([key?.contractIds, key?.expiresAtMs, key?.ratePerMinute, key?.lastUsedAtMs], [['10000000001', '10000000002'], T0_MS + 1000, 30, null]);
    await s.tx((tx) => tx.apiKeys.touch(hash, T0_MS, 60_000));
    await s.tx((tx) => tx.apiKeys.touch(hash, T0_MS + 59_999, 60_000));
    assert.equal((await s.tx((tx) => tx.apiKeys.findActive(hash)))?.lastUsedAtMs, T0_MS, 'not rewritten within the interval');
    await s.tx((tx) => tx.apiKeys.touch(hash, T0_MS + 60_000, 60_000));
    assert.equal((await s.tx((tx) => tx.apiKeys.findActive(hash)))?.lastUsedAtMs, T0_MS + 60_000);
  });
}
