// The progressive delay before a login's lock: from the 2nd consecutive failure on, the account refuses
// attempts for 1, 2, 4 s (without checking or counting them), so a burst of POSTs cannot lock a company's
// administrator in a second; the lock after 5 failures still stands. Pinned clock, both stores.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminLogin } from '../src/domain/contracts.ts';
import { loginDelayMs, MAX_LOGIN_FAILURES } from '../src/domain/policy.ts';
import { userLogin } from '../src/domain/user-login.ts';
import { bothStores } from './support/both-stores.ts';
import { setupWorld, WHO, type World } from './support/domain-setup.ts';

const C = '10000000001';

async function world(url: string): Promise<World> {
  const w = await setupWorld(url);
  await w.contract(C);
  await w.user(C, 'user01');
  return w;
}

describe('the wait after each consecutive failure', () => {
  it('is none after the 1st, then 1, 2 and 4 seconds, and none once the 5th has locked', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(loginDelayMs), [0, 1000, 2000, 4000, 0]);
    assert.equal(MAX_LOGIN_FAILURES, 5);
  });
});

for (const choice of bothStores('login_delay')) {
  describe(`progressive login delay on ${choice.name}`, () => {
    it('refuses five admin logins sent in one second after the 2nd failure, without locking the administrator', async (t) => {
      const w = await world(await choice.url());
      t.after(() => w.close());
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await adminLogin(w.deps, WHO, C, 'wrong999'));
      assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.code)), ['login_failed', 'login_failed', 'login_delayed', 'login_delayed', 'login_delayed']);
      const third = results[2];
      assert.ok(third !== undefined && !third.ok && 'retryAfterSeconds' in third && third.retryAfterSeconds === 1, 'try again in 1 second');
      const contract = await w.deps.store.transaction((tx) => tx.contracts.get(C));
      assert.equal(contract?.adminLoginFailures, 2, 'refused attempts are not counted');
      w.advance(1000);
      assert.equal((await adminLogin(w.deps, WHO, C, 'kanri001')).ok, true, 'the right password after the wait logs in');
      const after = await w.deps.store.transaction((tx) => tx.contracts.get(C));
      assert.deepEqual([after?.adminLoginFailures, after?.adminLoginNotBeforeMs], [0, 0], 'a success ends the count and the delay');
    });

    it('doubles the wait with each failure and still locks at the 5th, refusing even the right password', async (t) => {
      const w = await world(await choice.url());
      t.after(() => w.close());
      const waits: number[] = [];
      for (let n = 1; n <= MAX_LOGIN_FAILURES; n++) {
        const r = await adminLogin(w.deps, WHO, C, 'wrong999');
        assert.equal(r.ok ? 'ok' : r.code, 'login_failed', `failure ${n} is checked and counted`);
        if (n === 1 || n === MAX_LOGIN_FAILURES) continue;
        const early = await adminLogin(w.deps, WHO, C, 'kanri001');
        assert.ok(!early.ok && early.code === 'login_delayed', `the right password right after failure ${n} waits`);
        waits.push(early.retryAfterSeconds);
        w.advance(early.retryAfterSeconds * 1000 - 1);
        const stillEarly = await adminLogin(w.deps, WHO, C, 'kanri001');
        assert.equal(stillEarly.ok ? 'ok' : stillEarly.code, 'login_delayed', 'one millisecond before the end of the wait');
        w.advance(1);
      }
      assert.deepEqual(waits, [1, 2, 4]);
      w.advance(60 * 60 * 1000);
      const locked = await adminLogin(w.deps, WHO, C, 'kanri001');
      assert.equal(locked.ok ? 'ok' : locked.code, 'login_locked', 'the lock after 5 stands, whatever time passes');
    });

    it('applies the same delay to a user login, and a success ends it', async (t) => {
      const w = await world(await choice.url());
      t.after(() => w.close());
      for (let i = 0; i < 2; i++) assert.equal((await userLogin(w.deps, WHO, C, 'user01', 'wrong999')).ok, false);
      const delayed = await userLogin(w.deps, WHO, C, 'user01', 'riyou001');
      assert.ok(!delayed.ok && delayed.code === 'login_delayed' && delayed.retryAfterSeconds === 1);
      w.advance(1000);
      assert.equal((await userLogin(w.deps, WHO, C, 'user01', 'riyou001')).ok, true);
      const user = await w.deps.store.transaction((tx) => tx.users.get(C, 'user01'));
      assert.deepEqual([user?.loginFailures, user?.loginNotBeforeMs], [0, 0]);
    });

    it('evaluates at most two of many parallel guesses before the wait begins', async (t) => {
      const w = await world(await choice.url());
      t.after(() => w.close());
      const results = await Promise.all(Array.from({ length: 8 }, () => adminLogin(w.deps, WHO, C, 'wrong999')));
      const codes = results.map((r) => (r.ok ? 'ok' : r.code));
      assert.equal(codes.filter((c) => c === 'login_failed').length, 2, codes.join());
      assert.equal(codes.filter((c) => c === 'login_delayed').length, 6, codes.join());
      assert.equal((await w.deps.store.transaction((tx) => tx.contracts.get(C)))?.adminLoginFailures, 2);
    });
  });
}
