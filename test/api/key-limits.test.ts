// What an API key may do: its scope (a key cannot verify for, learn about or lock the tokens of a contract
// outside it — answered exactly as an unknown user), its expiry (401 from then on), its own rate (429 +
// Retry-After), and its last use (written at most once a minute). SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiKey, hashApiKey, type ApiKeyLimits } from '../../src/domain/api-keys.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { bothStores } from '../support/both-stores.ts';
import { cliHarness } from '../support/cli-harness.ts';
import { C, SERIAL, T0_MS } from '../user/fixture.ts';
import { setupApi, type ApiWorld } from './api-fixture.ts';

const OTHER = '20000000002';

async function keyFor(a: ApiWorld, name: string, limits: ApiKeyLimits): Promise<string> {
  const made = await createApiKey(a.deps, { actor: 'bank:test', ip: 'test' }, name, undefined, limits);
  if (!made.ok) throw new Error(made.code);
  return made.key;
}

for (const choice of bothStores('api_key_limits')) {
  describe(`API key limits on ${choice.name}`, () => {
    it('answers a contract outside the key’s scope exactly as an unknown user, and its wrong codes never lock the token', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const scoped = `Bearer ${await keyFor(a, 'scoped', { contractIds: [OTHER] })}`;
      const unknownUser = await a.verify({ contract: C, login: 'nobody', otp: '123456' });
      for (let i = 0; i <= MAX_CONSECUTIVE_OTP_FAILURES; i++) {
        const r = await a.verify({ contract: C, login: 'user01', otp: await a.wrongOtp(SERIAL.hw1) }, { auth: scoped });
        assert.equal(r.statusCode, unknownUser.statusCode);
        assert.deepEqual(r.json(), unknownUser.json());
      }
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1) }, { auth: scoped })).json(), unknownUser.json(), 'not even the right code');
      const token = await a.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1));
      assert.deepEqual([token?.status, token?.consecutiveFailures], ['registered', 0]);
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1) })).json(), { result: 'accepted', serial: SERIAL.hw1 }, 'a key for all contracts still verifies');
    });

    it('refuses a key from its expiry on with 401', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      const auth = `Bearer ${await keyFor(a, 'expiring', { expiresAtMs: T0_MS + 60_000 })}`;
      assert.equal((await a.verify({ contract: C, login: 'user01', otp: '123456' }, { auth })).statusCode, 200);
      a.clock.advance(60_000);
      const r = await a.verify({ contract: C, login: 'user01', otp: '123456' }, { auth });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error, 'api_key_invalid');
    });

    it('holds a key to its own rate per minute, with Retry-After, and opens again the next minute', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      const auth = `Bearer ${await keyFor(a, 'slow', { ratePerMinute: 3 })}`;
      for (let i = 0; i < 3; i++) assert.equal((await a.verify({ contract: C, login: 'user01', otp: '123456' }, { auth })).statusCode, 200);
      const limited = await a.verify({ contract: C, login: 'user01', otp: '123456' }, { auth });
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error, 'too_many_requests');
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      assert.equal((await a.verify({ contract: C, login: 'user01', otp: '123456' })).statusCode, 200, 'another key is not limited');
      a.clock.advance(60_000);
      assert.equal((await a.verify({ contract: C, login: 'user01', otp: '123456' }, { auth })).statusCode, 200);
    });

    it('records a key’s last use at most once a minute', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      const lastUsed = async (): Promise<number | null | undefined> => (await a.deps.store.transaction((tx) => tx.apiKeys.findActive(hashApiKey(a.key))))?.lastUsedAtMs;
      assert.equal(await lastUsed(), null);
      await a.verify({ contract: C, login: 'user01', otp: '123456' });
      const first = a.clock.nowMs;
      assert.equal(await lastUsed(), first);
      a.clock.advance(30_000);
      await a.verify({ contract: C, login: 'user01', otp: '123456' });
      assert.equal(await lastUsed(), first, 'not rewritten within the minute');
      a.clock.advance(30_000);
      await a.verify({ contract: C, login: 'user01', otp: '123456' });
      assert.equal(await lastUsed(), a.clock.nowMs);
    });
  });
}

describe('bizotp apikeys create with a scope, an expiry and a rate', () => {
  it('stores them, and refuses malformed ones with exit code 2', async (t) => {
    const cli = cliHarness();
    t.after(() => cli.close());
    const created = await cli.run(['apikeys', 'create', '--name', 'branch', '--contracts', `${C},${OTHER}`, '--expires', '2027-03-31', '--rate', '120/min']);
    assert.equal(created.code, 0, created.stderr);
    const [key] = await (await cli.deps()).store.transaction((tx) => tx.apiKeys.list());
    assert.deepEqual([key?.contractIds, key?.expiresAtMs, key?.ratePerMinute], [[C, OTHER], Date.UTC(2027, 2, 31, 15, 0, 0), 120]);
    for (const bad of [['--contracts', '123'], ['--expires', '2027-02-30'], ['--rate', '0/min'], ['--rate', '120']]) {
      assert.equal((await cli.run(['apikeys', 'create', '--name', 'bad', ...bad])).code, 2, bad.join(' '));
    }
  });
});
