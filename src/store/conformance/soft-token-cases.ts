// SoftTokenStore: the soft_tokens row beside its token, activation, binding to one contract and the purge,
// each a single conditional statement whose changed-row count says who won.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewToken } from '../../domain/token.ts';
import { aToken, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const MINUTE = 60_000;
const CUT = { pendingCreatedBeforeMs: T0_MS + 10 * MINUTE, activeActivatedBeforeMs: T0_MS + 60 * MINUTE };

function appToken(serial: string): NewToken {
  return aToken(serial, { kind: 'software', model: 'sw', params: { type: 'totp', algorithm: 'SHA256', digits: 6, stepSeconds: 30 } });
}

export function softTokenCases(open: OpenStore): void {
  test('insert writes the token and its soft row together, and refuses an existing serial without writing', async (t) => {
    const s = await setup(t, open);
    assert.equal(await s.tx((tx) => tx.softTokens.insert(appToken('20000000000101'), { origin: 'app', state: 'pending', createdAtMs: T0_MS })), true);
    assert.equal(await s.tx((tx) => tx.softTokens.insert(appToken('20000000000101'), { origin: 'app', state: 'pending', createdAtMs: T0_MS + 1 })), false);
    assert.deepEqual(await s.tx((tx) => tx.softTokens.get('20000000000101')), {
      serial: '20000000000101', origin: 'app', state: 'pending', createdAtMs: T0_MS, activatedAtMs: null, lastSeenAtMs: null,
    });
    const token = await s.tx((tx) => tx.tokens.get('20000000000101'));
    assert.deepEqual([token?.kind, token?.model, token?.status, token?.contractId], ['software', 'sw', 'in_stock', null]);
    assert.equal(await s.tx((tx) => tx.softTokens.get('20000000000999')), undefined);
  });

  test('an otpauth token inserted active is activated at its creation; a hardware token has no soft row', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const issued = aToken('20000000000109', { kind: 'software', model: 'sw', contractId: CONTRACT_ID, status: 'issued' });
    assert.equal(await s.tx((tx) => tx.softTokens.insert(issued, { origin: 'otpauth', state: 'active', createdAtMs: T0_MS })), true);
    assert.deepEqual(await s.tx((tx) => tx.softTokens.get('20000000000109')), {
      serial: '20000000000109', origin: 'otpauth', state: 'active', createdAtMs: T0_MS, activatedAtMs: T0_MS, lastSeenAtMs: null,
    });
    const token = await s.tx((tx) => tx.tokens.get('20000000000109'));
    assert.deepEqual([token?.status, token?.contractId], ['issued', CONTRACT_ID]);
    await s.token('10000000000011');
    assert.equal(await s.tx((tx) => tx.softTokens.get('10000000000011')), undefined);
  });

  test('activate moves pending to active once and sets the activation and last-seen times', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000102'), { origin: 'app', state: 'pending', createdAtMs: T0_MS }));
    assert.equal(await s.tx((tx) => tx.softTokens.activate('20000000000102', T0_MS + MINUTE)), true);
    assert.equal(await s.tx((tx) => tx.softTokens.activate('20000000000102', T0_MS + 2 * MINUTE)), false);
    const soft = await s.tx((tx) => tx.softTokens.get('20000000000102'));
    assert.deepEqual([soft?.state, soft?.activatedAtMs, soft?.lastSeenAtMs], ['active', T0_MS + MINUTE, T0_MS + MINUTE]);
  });

  test('touch moves last seen forward only', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000103'), { origin: 'app', state: 'active', createdAtMs: T0_MS }));
    await s.tx((tx) => tx.softTokens.touch('20000000000103', T0_MS + 5 * MINUTE));
    await s.tx((tx) => tx.softTokens.touch('20000000000103', T0_MS + MINUTE));
    assert.equal((await s.tx((tx) => tx.softTokens.get('20000000000103')))?.lastSeenAtMs, T0_MS + 5 * MINUTE);
  });

  test('bindToContract binds an active unbound app token once, and never a pending, bound or otpauth one', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000104'), { origin: 'app', state: 'active', createdAtMs: T0_MS }));
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000105'), { origin: 'app', state: 'pending', createdAtMs: T0_MS }));
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000106'), { origin: 'otpauth', state: 'active', createdAtMs: T0_MS }));
    await s.token('10000000000107');
    assert.equal(await s.tx((tx) => tx.softTokens.bindToContract('20000000000104', CONTRACT_ID)), true);
    assert.equal(await s.tx((tx) => tx.softTokens.bindToContract('20000000000104', OTHER_CONTRACT_ID)), false);
    assert.equal(await s.tx((tx) => tx.softTokens.bindToContract('20000000000105', CONTRACT_ID)), false);
    assert.equal(await s.tx((tx) => tx.softTokens.bindToContract('20000000000106', CONTRACT_ID)), false);
    assert.equal(await s.tx((tx) => tx.softTokens.bindToContract('10000000000107', CONTRACT_ID)), false, 'a hardware token in stock is issued by the bank, never bound');
    const bound = await s.tx((tx) => tx.tokens.get('20000000000104'));
    assert.deepEqual([bound?.status, bound?.contractId], ['issued', CONTRACT_ID]);
  });

  test('parallel bindings of one app token to several contracts bind it exactly once (no check-then-set)', async (t) => {
    const s = await setup(t, open);
    const contracts = ['10000000011', '10000000012', '10000000013', '10000000014', '10000000015', '10000000016'];
    await s.contracts(...contracts);
    await s.tx((tx) => tx.softTokens.insert(appToken('20000000000108'), { origin: 'app', state: 'active', createdAtMs: T0_MS }));
    const meet = s.overlap();
    const won = await s.parallel(contracts.length, async (tx, i) => {
      await meet();
      return tx.softTokens.bindToContract('20000000000108', contracts[i] ?? '');
    });
    assert.equal(won.filter(Boolean).length, 1);
    const winner = contracts[won.indexOf(true)];
    assert.equal((await s.tx((tx) => tx.tokens.get('20000000000108')))?.contractId, winner);
  });

  test('purgeable and purge select unbound app tokens past their cut only, and purge removes both rows', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const insert = (serial: string, state: 'pending' | 'active', createdAtMs: number, origin: 'app' | 'otpauth' = 'app'): Promise<boolean> =>
      s.tx((tx) => tx.softTokens.insert(appToken(serial), { origin, state, createdAtMs }));
    await insert('20000000000201', 'pending', T0_MS); // old pending: purged
    await insert('20000000000202', 'pending', T0_MS + 10 * MINUTE); // at the cut: kept
    await insert('20000000000203', 'active', T0_MS); // old active, unbound: purged
    await insert('20000000000204', 'active', T0_MS + 60 * MINUTE); // active at the cut: kept
    await insert('20000000000205', 'active', T0_MS); // old active, bound to a contract: kept
    await s.tx((tx) => tx.softTokens.bindToContract('20000000000205', CONTRACT_ID));
    await insert('20000000000206', 'active', T0_MS, 'otpauth'); // not an app token: kept
    const listed = await s.tx((tx) => tx.softTokens.purgeable(CUT, 10));
    assert.deepEqual(listed.map((r) => r.serial), ['20000000000201', '20000000000203']);
    assert.equal(await s.tx((tx) => tx.softTokens.purge('20000000000202', CUT)), false);
    assert.equal(await s.tx((tx) => tx.softTokens.purge('20000000000205', CUT)), false);
    assert.equal(await s.tx((tx) => tx.softTokens.purge('20000000000201', CUT)), true);
    assert.equal(await s.tx((tx) => tx.softTokens.purge('20000000000203', CUT)), true);
    assert.equal(await s.tx((tx) => tx.softTokens.get('20000000000201')), undefined);
    assert.equal(await s.tx((tx) => tx.tokens.get('20000000000201')), undefined);
    assert.equal(await s.tx((tx) => tx.tokens.get('20000000000203')), undefined);
    assert.deepEqual((await s.tx((tx) => tx.softTokens.purgeable(CUT, 10))).map((r) => r.serial), []);
  });
}
