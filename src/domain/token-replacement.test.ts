// Token replacement (battery or expiry): the administrator registers a user's new token over the old one with
// the ordinary registration screen (per-user form). The old registration ends at that moment; the old token
// stays registered and usable for every other user it is registered to.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { bothStores } from '../../test/support/both-stores.ts';
import { PIN, setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import { registerToken } from './registration.ts';
import { useTokenCode } from './use-token.ts';

const C1 = '10000000001';

for (const store of bothStores('token_replacement')) {
  describe(`replacing a user's token (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await setupWorld(await store.url());
      await w.contract(C1);
      await w.user(C1, 'user01');
      await w.user(C1, 'user02');
    });
    afterEach(() => w.close());

    const register = async (loginId: string, serial: string, otp: string): Promise<void> => {
      const r = await registerToken(w.deps, WHO, { contractId: C1, form: 'per_user', loginId, serial, otp, confirmPin: PIN });
      assert.equal(r.ok, true, JSON.stringify(r));
      w.advance(30_000);
    };

    test('the old registration ends at the moment of the new one, and the old token stays usable for the other user it is registered to', async () => {
      const oldToken = await w.token('10000000000011', { contractId: C1 });
      const newToken = await w.token('10000000000012', { contractId: C1 });
      await register('user01', oldToken.serial, oldToken.code());
      await register('user02', oldToken.serial, oldToken.code());
      const replacedAtMs = w.deps.now();
      await register('user01', newToken.serial, newToken.code());

      const { history, user01, user02, old } = await w.deps.store.transaction(async (tx) => ({
        history: await tx.registrations.history(C1),
        user01: await tx.registrations.activeFor(C1, 'per_user', 'user01'),
        user02: await tx.registrations.activeFor(C1, 'per_user', 'user02'),
        old: await tx.tokens.get(oldToken.serial),
      }));
      const ended = history.find((r) => r.loginId === 'user01' && r.serial === oldToken.serial);
      assert.equal(ended?.endedAtMs, replacedAtMs, 'ended exactly when the new token was registered');
      assert.equal(user01?.serial, newToken.serial);
      assert.equal(user02?.serial, oldToken.serial);
      assert.equal(old?.status, 'registered', 'still in use by user02');

      const use = await w.deps.store.transaction((tx) =>
        useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: oldToken.serial, code: oldToken.code(), purpose: 'payment', statuses: ['registered'] }),
      );
      assert.equal(use.kind, 'accepted');
    });

    test('a replaced token registered to nobody else goes back to issued and no user has it any more', async () => {
      const oldToken = await w.token('10000000000011', { contractId: C1 });
      const newToken = await w.token('10000000000012', { contractId: C1 });
      await register('user01', oldToken.serial, oldToken.code());
      await register('user01', newToken.serial, newToken.code());
      const [old, active] = await w.deps.store.transaction(async (tx) => [await tx.tokens.get(oldToken.serial), await tx.registrations.activeForSerial(oldToken.serial)] as const);
      assert.equal(old?.status, 'issued');
      assert.deepEqual(active, []);
    });
  });
}
