// The login screens during the progressive delay: 429 with Retry-After, and the wait in Japanese next to
// the form (data-retry-after carries the seconds for tests).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await setup({ users: 1 });
});
after(async () => {
  await f.close();
});

it('answers the 3rd quick admin login with 429, Retry-After and 「1秒後に再度お試しください。」', async () => {
  const browser = agent(f.createApp());
  for (let i = 0; i < 2; i++) assert.equal((await browser.login(A.contractId, 'wrong999')).errors._form, 'login_failed');
  const page = await browser.login(A.contractId, A.adminPassword);
  assert.equal(page.status, 429);
  assert.equal(page.errors._form, 'login_delayed');
  assert.equal(page.headers['retry-after'], '1');
  assert.match(page.body, /data-retry-after="1">1秒後に再度お試しください。</);
  f.clock.advance(1000);
  assert.equal((await browser.login(A.contractId, A.adminPassword)).status, 303);
});

it('answers the 3rd quick user login the same way on /user/login', async () => {
  const browser = agent(f.createApp());
  const login = async (password: string) => {
    await browser.get('/user/login');
    return browser.post('/user/login', { contractId: A.contractId, loginId: 'user01', password });
  };
  for (let i = 0; i < 2; i++) assert.equal((await login('wrong999')).errors._form, 'user_login_failed');
  const page = await login('riyou001');
  assert.equal(page.status, 429);
  assert.equal(page.errors._form, 'login_delayed');
  assert.match(page.body, /data-retry-after="1"/);
});
