import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setupWorld, WHO } from '../../test/support/domain-setup.ts';
import { MAX_LOGIN_FAILURES } from './policy.ts';
import { userLogin } from './user-login.ts';
import { unlockUserLogin } from './users.ts';

const C = '10000000001';
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

async function world() {
  const w = await setupWorld();
  await w.contract(C);
  await w.user(C, 'user01');
  return w;
}

/** Longer than any wait of the progressive login delay. */
const BEYOND_DELAY_MS = 10_000;

test('a user logs in with ご契約先ID, 利用者ID and 利用者暗証番号, and the login is audited', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const r = await userLogin(w.deps, WHO, C, 'user01', 'riyou001');
  assert.ok(r.ok);
  assert.equal(r.user.loginId, 'user01');
  const entries = await w.deps.store.transaction((tx) => tx.audit.entries(C));
  assert.deepEqual(entries.filter((e) => e.action === 'user.login').map((e) => [e.target, e.outcome]), [['user01', 'success']]);
});

test('a wrong password, an unknown user and an unknown contract all get the same answer', async (t) => {
  const w = await world();
  t.after(() => w.close());
  assert.equal(codeOf(await userLogin(w.deps, WHO, C, 'user01', 'wrong001')), 'user_login_failed');
  assert.equal(codeOf(await userLogin(w.deps, WHO, C, 'nobody', 'riyou001')), 'user_login_failed');
  assert.equal(codeOf(await userLogin(w.deps, WHO, '19999999999', 'user01', 'riyou001')), 'user_login_failed');
  const chains = await w.deps.store.transaction((tx) => tx.audit.chains());
  assert.ok(!chains.includes('19999999999'), 'a made-up contract gets no audit chain');
});

test(`${MAX_LOGIN_FAILURES} consecutive wrong passwords lock the user; the right one is refused until 利用中止解除`, async (t) => {
  const w = await world();
  t.after(() => w.close());
  for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
    assert.equal(codeOf(await userLogin(w.deps, WHO, C, 'user01', 'wrong001')), 'user_login_failed');
    w.advance(BEYOND_DELAY_MS); // past the progressive delay (login-delay.test.ts), so each guess is checked
  }
  assert.equal(codeOf(await userLogin(w.deps, WHO, C, 'user01', 'riyou001')), 'user_login_locked');
  await w.deps.store.transaction((tx) => unlockUserLogin(tx, WHO, w.deps.now(), C, 'user01'));
  assert.ok((await userLogin(w.deps, WHO, C, 'user01', 'riyou001')).ok);
});

test('a successful login resets the count of wrong passwords', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const wrongThenWait = async (): Promise<void> => {
    await userLogin(w.deps, WHO, C, 'user01', 'wrong001');
    w.advance(BEYOND_DELAY_MS);
  };
  for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await wrongThenWait();
  assert.ok((await userLogin(w.deps, WHO, C, 'user01', 'riyou001')).ok);
  for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await wrongThenWait();
  assert.ok((await userLogin(w.deps, WHO, C, 'user01', 'riyou001')).ok);
});
