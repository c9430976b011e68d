// TokenStore: the inventory's CRUD, batch import with duplicate reporting, listing and status changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewToken, TokenRecord } from '../../domain/token.ts';
import { aToken, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

/** What get() must return right after insertBatch(). */
function asInserted(token: NewToken): TokenRecord {
  return { ...token, drift: 0, lastCounter: null, consecutiveFailures: 0 };
}

export function tokenCases(open: OpenStore): void {
  test('insertBatch stores every field of TOTP and HOTP tokens and get returns them', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const totp = aToken('TOTP0001', { params: { type: 'totp', algorithm: 'SHA512', digits: 8, stepSeconds: 60 }, expiresAtMs: T0_MS + 86_400_000, demo: true });
    const hotp = aToken('HOTP0001', { kind: 'software', model: 'sw', params: { type: 'hotp', algorithm: 'SHA256', digits: 7 }, counter: 2n ** 40n, contractId: CONTRACT_ID, status: 'issued' });
    assert.deepEqual(await s.tx((tx) => tx.tokens.insertBatch([totp, hotp])), []);
    assert.deepEqual(await s.tx((tx) => tx.tokens.get('TOTP0001')), asInserted(totp));
    assert.deepEqual(await s.tx((tx) => tx.tokens.get('HOTP0001')), asInserted(hotp));
  });

  test('getMany returns the tokens of the serials that exist, each once, in one call of any length', async (t) => {
    const s = await setup(t, open);
    const tokens = Array.from({ length: 620 }, (_, i) => aToken(`MANY${String(i).padStart(4, '0')}`));
    assert.deepEqual(await s.tx((tx) => tx.tokens.insertBatch(tokens)), []);
    const asked = [...tokens.map((x) => x.serial), 'NOPE0001'];
    const got = await s.tx((tx) => tx.tokens.getMany(asked));
    assert.deepEqual(got.map((x) => x.serial).sort(), tokens.map((x) => x.serial).sort());
    assert.deepEqual(got.find((x) => x.serial === 'MANY0600'), asInserted(tokens[600]!));
    assert.deepEqual(await s.tx((tx) => tx.tokens.getMany([])), []);
  });

  test('get returns undefined for a serial that was never inserted', async (t) => {
    const s = await setup(t, open);
    assert.equal(await s.tx((tx) => tx.tokens.get('NOPE0001')), undefined);
  });

  test('insertBatch reports serials already in the database and leaves those tokens unchanged', async (t) => {
    const s = await setup(t, open);
    const a = await s.token('A0000001');
    const b = await s.token('B0000001');
    const changedB = aToken('B0000001', { model: 'hw3', params: { type: 'hotp', algorithm: 'SHA1', digits: 6 } });
    const existing = await s.tx((tx) => tx.tokens.insertBatch([changedB, aToken('C0000001'), aToken('A0000001', { demo: true })]));
    assert.deepEqual(existing, ['B0000001', 'A0000001']);
    assert.deepEqual(await s.tx((tx) => tx.tokens.get('A0000001')), asInserted(a));
    assert.deepEqual(await s.tx((tx) => tx.tokens.get('B0000001')), asInserted(b));
    assert.equal(await s.tx((tx) => tx.tokens.count()), 3);
  });

  test('insertBatch keeps the first of a serial repeated within one batch and reports the repeat', async (t) => {
    const s = await setup(t, open);
    const first = aToken('D0000001', { model: 'hw2' });
    const existing = await s.tx((tx) => tx.tokens.insertBatch([first, aToken('D0000002'), aToken('D0000001', { model: 'hw3' })]));
    assert.deepEqual(existing, ['D0000001']);
    assert.deepEqual(await s.tx((tx) => tx.tokens.get('D0000001')), asInserted(first));
  });

  test('insertBatch of 1,200 tokens spanning several statements inserts all new ones and reports the rest', async (t) => {
    const s = await setup(t, open);
    const serials = Array.from({ length: 1200 }, (_, i) => `BULK${String(i).padStart(6, '0')}`);
    const already = [serials[0], serials[499], serials[500], serials[1199]] as string[];
    await s.tx((tx) => tx.tokens.insertBatch(already.map((serial) => aToken(serial))));
    const existing = await s.tx((tx) => tx.tokens.insertBatch(serials.map((serial) => aToken(serial))));
    assert.deepEqual(existing, already);
    assert.equal(await s.tx((tx) => tx.tokens.count()), 1200);
    assert.deepEqual(await s.tx((tx) => tx.tokens.insertBatch([])), []);
  });

  test('existingSerials reports which of the given serials are stored, in serial order, and changes nothing', async (t) => {
    const s = await setup(t, open);
    const serials = Array.from({ length: 1100 }, (_, i) => `EXIST${String(i).padStart(5, '0')}`);
    await s.tx((tx) => tx.tokens.insertBatch([aToken(serials[1050] ?? ''), aToken(serials[3] ?? ''), aToken('OTHER001')]));
    assert.deepEqual(await s.tx((tx) => tx.tokens.existingSerials(serials)), [serials[3], serials[1050]]);
    assert.deepEqual(await s.tx((tx) => tx.tokens.existingSerials([])), []);
    assert.equal(await s.tx((tx) => tx.tokens.count()), 3);
  });

  test('list filters by contract and status, orders by serial and pages after a serial', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.tx((tx) => tx.tokens.insertBatch([
      aToken('S0000003', { contractId: CONTRACT_ID, status: 'issued' }),
      aToken('S0000001', { contractId: CONTRACT_ID, status: 'issued' }),
      aToken('S0000002', { contractId: CONTRACT_ID, status: 'registered' }),
      aToken('S0000004', { contractId: OTHER_CONTRACT_ID, status: 'issued' }),
      aToken('S0000005'),
    ]));
    const serials = (tokens: TokenRecord[]): string[] => tokens.map((token) => token.serial);
    assert.deepEqual(serials(await s.tx((tx) => tx.tokens.list({ limit: 10 }))), ['S0000001', 'S0000002', 'S0000003', 'S0000004', 'S0000005']);
    assert.deepEqual(serials(await s.tx((tx) => tx.tokens.list({ contractId: CONTRACT_ID, limit: 10 }))), ['S0000001', 'S0000002', 'S0000003']);
    assert.deepEqual(serials(await s.tx((tx) => tx.tokens.list({ status: 'issued', limit: 10 }))), ['S0000001', 'S0000003', 'S0000004']);
    assert.deepEqual(serials(await s.tx((tx) => tx.tokens.list({ contractId: CONTRACT_ID, status: 'issued', limit: 10 }))), ['S0000001', 'S0000003']);
    assert.deepEqual(serials(await s.tx((tx) => tx.tokens.list({ afterSerial: 'S0000002', limit: 2 }))), ['S0000003', 'S0000004']);
  });

  test('list pages in bytewise serial order, the same on every database', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.tokens.insertBatch(['a-1', 'B-1', 'b-1', 'A-1', '_-1', '0-1'].map((serial) => aToken(serial))));
    const listed = await s.tx((tx) => tx.tokens.list({ limit: 10 }));
    assert.deepEqual(listed.map((token) => token.serial), ['0-1', 'A-1', 'B-1', '_-1', 'a-1', 'b-1']);
  });

  test('transition moves a token only from one of the given statuses', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('T0000001');
    assert.equal(await s.tx((tx) => tx.tokens.transition('T0000001', ['issued'], 'registered')), false);
    assert.equal(await s.tx((tx) => tx.tokens.transition('T0000001', ['in_stock', 'locked'], 'issued', CONTRACT_ID)), true);
    assert.equal(await s.tx((tx) => tx.tokens.transition('T0000001', [], 'lost')), false);
    assert.equal(await s.tx((tx) => tx.tokens.transition('NOPE0001', ['in_stock'], 'issued')), false);
    const issued = await s.tx((tx) => tx.tokens.get('T0000001'));
    assert.equal(issued?.status, 'issued');
    assert.equal(issued?.contractId, CONTRACT_ID);
  });

  test('transition keeps the contract when none is given and clears it when given null', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('T0000002', { contractId: CONTRACT_ID, status: 'issued' });
    assert.equal(await s.tx((tx) => tx.tokens.transition('T0000002', ['issued'], 'registered')), true);
    assert.equal((await s.tx((tx) => tx.tokens.get('T0000002')))?.contractId, CONTRACT_ID);
    assert.equal(await s.tx((tx) => tx.tokens.transition('T0000002', ['registered'], 'in_stock', null)), true);
    assert.equal((await s.tx((tx) => tx.tokens.get('T0000002')))?.contractId, null);
  });

  test('a token cannot name a contract that does not exist', async (t) => {
    const s = await setup(t, open);
    await assert.rejects(s.token('T0000003', { contractId: '99999999999', status: 'issued' }));
    assert.equal(await s.tx((tx) => tx.tokens.get('T0000003')), undefined);
  });

  test('consumeIfUsable consumes only a later counter of a token in the given statuses, below the failure maximum and of the expected contract', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('CIU00001', { contractId: CONTRACT_ID, status: 'registered' });
    const take = (counter: bigint, contract?: string, statuses: TokenRecord['status'][] = ['registered']) => s.tx((tx) => tx.tokens.consumeIfUsable('CIU00001', statuses, 3, counter, 1, T0_MS, contract));
    assert.equal(await take(5n, OTHER_CONTRACT_ID), false, 'another contract');
    assert.equal(await take(5n, CONTRACT_ID, ['issued']), false, 'another status');
    await s.tx(async (tx) => { for (let i = 0; i < 2; i++) await tx.tokens.beginAttempt('CIU00001', ['registered'], 3); });
    assert.equal(await take(5n, CONTRACT_ID), true);
    let token = await s.tx((tx) => tx.tokens.get('CIU00001'));
    assert.deepEqual([token?.lastCounter, token?.drift, token?.consecutiveFailures], [5n, 1, 0]);
    assert.equal(await take(5n), false, 'the same counter again');
    assert.equal(await take(4n), false, 'an earlier counter');
    await s.tx(async (tx) => { for (let i = 0; i < 3; i++) await tx.tokens.beginAttempt('CIU00001', ['registered'], 3); });
    assert.equal(await take(9n), false, 'at the failure maximum');
    token = await s.tx((tx) => tx.tokens.get('CIU00001'));
    assert.deepEqual([token?.lastCounter, token?.consecutiveFailures], [5n, 3]);
  });

  test('of parallel consumeIfUsable of one counter, exactly one consumes it', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('CIU00002', { contractId: CONTRACT_ID, status: 'registered' });
    const results = await s.parallel(8, (tx) => tx.tokens.consumeIfUsable('CIU00002', ['registered'], 5, 7n, 0, T0_MS));
    assert.equal(results.filter(Boolean).length, 1);
  });
}
