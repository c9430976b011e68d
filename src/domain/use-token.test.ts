import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { setupWorld, type World } from '../../test/support/domain-setup.ts';
import { useTokenCode, type TokenUse } from './use-token.ts';

let w: World;
beforeEach(async () => {
  w = await setupWorld();
  await w.contract('10000000001');
});
afterEach(() => w.close());

const use = (serial: string, code: string): Promise<TokenUse> =>
  w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial, code, purpose: 'payment', statuses: ['registered'] }));
const outcome = (r: TokenUse): string => (r.kind === 'accepted' ? 'accepted' : r.reason);

test('a payment accepts T−1, T and T+1 and refuses T−2 and T+2 (RFC 6238 §5.2)', async () => {
  const t = await w.token('10000000000011', { contractId: '10000000001', status: 'registered' });
  assert.equal(outcome(await use(t.serial, t.code(-2))), 'invalid');
  assert.equal(outcome(await use(t.serial, t.code(2))), 'invalid');
  assert.equal(outcome(await use(t.serial, t.code(-1))), 'accepted');
  assert.equal(outcome(await use(t.serial, t.code(0))), 'accepted');
  assert.equal(outcome(await use(t.serial, t.code(1))), 'accepted');
});

test('after step T is accepted, an older code still inside the window is refused as used', async () => {
  const t = await w.token('10000000000011', { contractId: '10000000001', status: 'registered' });
  assert.equal(outcome(await use(t.serial, t.code(1))), 'accepted');
  assert.equal(outcome(await use(t.serial, t.code(0))), 'replayed');
  assert.equal(outcome(await use(t.serial, t.code(1))), 'replayed');
});

test('a correct code resets the failure count, so only consecutive failures lock', async () => {
  const t = await w.token('10000000000011', { contractId: '10000000001', status: 'registered' });
  const wrong = (): string => (t.code() === '000000' ? '111111' : '000000');
  for (let i = 0; i < 4; i++) assert.equal(outcome(await use(t.serial, wrong())), 'invalid');
  assert.equal(outcome(await use(t.serial, t.code())), 'accepted');
  for (let i = 0; i < 4; i++) assert.equal(outcome(await use(t.serial, wrong())), 'invalid');
  const token = await w.deps.store.transaction((tx) => tx.tokens.get(t.serial));
  assert.deepEqual([token?.status, token?.consecutiveFailures], ['registered', 4]);
});

test('a token past its expiry date refuses even its correct code, and one before it accepts', async () => {
  const expiresAtMs = w.deps.now() + 60_000;
  const t = await w.token('10000000000011', { contractId: '10000000001', status: 'registered', expiresAtMs });
  assert.equal(outcome(await use(t.serial, t.code())), 'accepted');
  w.advance(60_000);
  assert.equal(outcome(await use(t.serial, t.code())), 'expired');
});
