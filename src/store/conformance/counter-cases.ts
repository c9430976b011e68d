// TokenStore counters: attempt reservation, one-time consumption and 64-bit exactness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTRACT_ID, OTHER_CONTRACT_ID } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore, Setup } from './setup.ts';

async function registeredToken(s: Setup, serial: string): Promise<void> {
  await s.contracts(CONTRACT_ID);
  await s.token(serial, { contractId: CONTRACT_ID, status: 'registered' });
}

export function counterCases(open: OpenStore): void {
  test('beginAttempt returns the token after the increment until maxFailures, then undefined', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000001');
    for (const expected of [1, 2, 3]) {
      const token = await s.tx((tx) => tx.tokens.beginAttempt('C0000001', ['registered'], 3));
      assert.equal(token?.consecutiveFailures, expected);
    }
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('C0000001', ['registered'], 3)), undefined);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000001')))?.consecutiveFailures, 3);
  });

  test('beginAttempt refuses a token in another status, an unknown serial and an empty status list', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000002');
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('C0000002', ['issued', 'locked'], 5)), undefined);
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('NOPE0001', ['registered'], 5)), undefined);
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('C0000002', [], 5)), undefined);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000002')))?.consecutiveFailures, 0);
  });

  test('resetFailures lets attempts begin again after the limit', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000003');
    await s.tx((tx) => tx.tokens.beginAttempt('C0000003', ['registered'], 1));
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('C0000003', ['registered'], 1)), undefined);
    await s.tx((tx) => tx.tokens.resetFailures('C0000003'));
    assert.equal((await s.tx((tx) => tx.tokens.beginAttempt('C0000003', ['registered'], 1)))?.consecutiveFailures, 1);
  });

  test('consume accepts a counter once and never again, nor any lower counter after a higher one', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000004');
    const consume = (counter: bigint): Promise<boolean> => s.tx((tx) => tx.tokens.consume('C0000004', counter, 0));
    assert.equal(await consume(100n), true);
    assert.equal(await consume(100n), false, 'the same counter twice is a replay');
    assert.equal(await consume(102n), true);
    assert.equal(await consume(101n), false, 'an older code inside the window is refused after a newer one');
    assert.equal(await consume(103n), true);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000004')))?.lastCounter, 103n);
  });

  test('consume records the drift and resets the failure count; a refused consume changes nothing', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000005');
    await s.tx((tx) => tx.tokens.beginAttempt('C0000005', ['registered'], 5));
    await s.tx((tx) => tx.tokens.beginAttempt('C0000005', ['registered'], 5));
    assert.equal(await s.tx((tx) => tx.tokens.consume('C0000005', 50n, -1)), true);
    const after = await s.tx((tx) => tx.tokens.get('C0000005'));
    assert.deepEqual([after?.lastCounter, after?.drift, after?.consecutiveFailures], [50n, -1, 0]);
    await s.tx((tx) => tx.tokens.beginAttempt('C0000005', ['registered'], 5));
    assert.equal(await s.tx((tx) => tx.tokens.consume('C0000005', 49n, 2)), false);
    const refused = await s.tx((tx) => tx.tokens.get('C0000005'));
    assert.deepEqual([refused?.lastCounter, refused?.drift, refused?.consecutiveFailures], [50n, -1, 1]);
  });

  test('consume on an unknown serial returns false', async (t) => {
    const s = await setup(t, open);
    assert.equal(await s.tx((tx) => tx.tokens.consume('NOPE0001', 1n, 0)), false);
  });

  test('counters beyond 2^32 and up to 2^63 − 1 round-trip exactly and compare as integers', async (t) => {
    // RFC 6238 App. B: T = 20000000000 needs a counter > 2^32; a float would also lose 2^53 + 1.
    const s = await setup(t, open);
    await registeredToken(s, 'C0000006');
    const consume = (counter: bigint): Promise<boolean> => s.tx((tx) => tx.tokens.consume('C0000006', counter, 0));
    assert.equal(await consume(2n ** 40n), true);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000006')))?.lastCounter, 2n ** 40n);
    assert.equal(await consume(2n ** 40n - 1n), false);
    assert.equal(await consume(2n ** 53n), true);
    assert.equal(await consume(2n ** 53n + 1n), true, '2^53 + 1 is not 2^53');
    assert.equal(await consume(2n ** 63n - 1n), true);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000006')))?.lastCounter, 2n ** 63n - 1n);
  });

  test('an HOTP counter of 2^53 + 1 is stored exactly', async (t) => {
    const s = await setup(t, open);
    await s.token('H0000001', { params: { type: 'hotp', algorithm: 'SHA1', digits: 6 }, counter: 2n ** 53n + 1n });
    assert.equal((await s.tx((tx) => tx.tokens.get('H0000001')))?.counter, 2n ** 53n + 1n);
  });
  test('beginAttempt with an expected contract refuses a token issued to another contract and leaves it untouched', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('C0000006', { contractId: OTHER_CONTRACT_ID, status: 'issued' });
    assert.equal(await s.tx((tx) => tx.tokens.beginAttempt('C0000006', ['issued'], 5, CONTRACT_ID)), undefined);
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000006')))?.consecutiveFailures, 0);
    assert.equal((await s.tx((tx) => tx.tokens.beginAttempt('C0000006', ['issued'], 5, OTHER_CONTRACT_ID)))?.consecutiveFailures, 1);
  });

  test('refundAttempt takes back one reserved attempt and never takes the count below zero', async (t) => {
    const s = await setup(t, open);
    await registeredToken(s, 'C0000007');
    const refunded = await s.tx(async (tx) => {
      await tx.tokens.beginAttempt('C0000007', ['registered'], 5);
      await tx.tokens.beginAttempt('C0000007', ['registered'], 5);
      await tx.tokens.refundAttempt('C0000007');
      return tx.tokens.get('C0000007');
    });
    assert.equal(refunded?.consecutiveFailures, 1);
    await s.tx((tx) => tx.tokens.refundAttempt('C0000007'));
    await s.tx((tx) => tx.tokens.refundAttempt('C0000007'));
    assert.equal((await s.tx((tx) => tx.tokens.get('C0000007')))?.consecutiveFailures, 0);
  });
}
