import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, test } from 'node:test';
import { setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import { DuplicateSerialError, importTokens, type IncomingToken } from './import-tokens.ts';

let w: World;
beforeEach(async () => {
  w = await setupWorld();
});
afterEach(() => w.close());

const params = { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const;
const key = (i: number): IncomingToken => ({ serial: `7${String(i).padStart(13, '0')}`, params, secret: randomBytes(20), counter: 0n, expiresAtMs: null, model: i % 2 === 0 ? 'hw2' : 'unknown-model' });
const options = { defaultModel: 'hw1', contractId: null, demo: false, source: 'test.pskc' } as const;

async function* keys(n: number, failAt?: number): AsyncGenerator<IncomingToken> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('bad key in the file');
    yield key(i);
  }
}
const count = (): Promise<number> => w.deps.store.transaction((tx) => tx.tokens.count());

test('every key of the file is stored, sealed, in stock, with its model or the default one', async () => {
  assert.equal(await importTokens(w.deps, WHO, keys(1234), options), 1234);
  assert.equal(await count(), 1234);
  const [even, odd] = await w.deps.store.transaction(async (tx) => [await tx.tokens.get('70000000000000'), await tx.tokens.get('70000000000001')]);
  assert.equal(even?.model, 'hw2');
  assert.equal(odd?.model, 'hw1');
  assert.equal(even?.status, 'in_stock');
  const audit = await w.deps.store.transaction((tx) => tx.audit.entries('bank'));
  assert.deepEqual(audit.map((e) => [e.action, JSON.parse(e.detail).count]), [['tokens.import', 1234]]);
});

test('a bad key late in the file leaves the inventory exactly as it was', async () => {
  await assert.rejects(importTokens(w.deps, WHO, keys(2000, 1700), options), /bad key/);
  assert.equal(await count(), 0);
});

test('a serial already stored refuses the whole file and names the serial', async () => {
  await importTokens(w.deps, WHO, keys(3), options);
  const error = await importTokens(w.deps, WHO, keys(600), options).catch((e: unknown) => e);
  assert.ok(error instanceof DuplicateSerialError);
  assert.deepEqual(error.serials, ['70000000000000', '70000000000001', '70000000000002']);
  assert.equal(await count(), 3);
});

test('importing for a contract issues the tokens to it, and an unknown contract refuses the file', async () => {
  await w.contract('10000000001');
  await importTokens(w.deps, WHO, keys(2), { ...options, contractId: '10000000001' });
  const token = await w.deps.store.transaction((tx) => tx.tokens.get('70000000000000'));
  assert.deepEqual([token?.status, token?.contractId], ['issued', '10000000001']);
  await assert.rejects(importTokens(w.deps, WHO, keys(2), { ...options, contractId: '19999999999' }));
});
