// The user's session on the web: the 5-minute idle timeout of payment steps (pinned clock), a new id at
// login, CSRF on every POST, only one's own payments, and the headers of authenticated pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USER_IDLE_TIMEOUT_MS } from '../../src/domain/payment-policy.ts';
import { userAgent } from './agent.ts';
import { SERIAL, setupUserApp } from './fixture.ts';

test('a user session idle for 5 minutes still works; 1 ms more and the next step says it timed out', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.login('user01');
  f.clock.advance(USER_IDLE_TIMEOUT_MS);
  assert.equal((await u.get('/user/menu')).status, 200);
  f.clock.advance(USER_IDLE_TIMEOUT_MS + 1);
  const after = await u.get('/user/menu');
  assert.deepEqual([after.status, after.location], [303, '/user/login?expired=1']);
  assert.equal((await u.get('/user/login?expired=1')).errors._form, 'session_expired');
  assert.ok((await f.audit()).some((e) => e.action === 'user.logout' && e.outcome === 'timeout'));
});

test('an OTP submitted after 5 idle minutes on the confirm screen pays nothing and asks to log in again', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  f.clock.advance(USER_IDLE_TIMEOUT_MS + 1);
  const late = await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) });
  assert.equal(late.location, '/user/login?expired=1');
  assert.equal((await f.history()).length, 0);
});

test('login gives a new session id: a planted cookie never becomes a session (no fixation)', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  const planted = 'A'.repeat(43);
  u.cookies.set('bizotp_usid', planted);
  const login = await u.login('user01');
  const issued = u.cookies.get('bizotp_usid') ?? '';
  assert.match(issued, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(issued, planted);
  assert.match(String(login.headers['set-cookie']), /bizotp_usid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
  const withPlanted = await f.app.inject({ method: 'GET', url: '/user/menu', headers: { cookie: `bizotp_usid=${planted}` } });
  assert.equal(withPlanted.headers.location, '/user/login');
  assert.equal((await u.get('/user/login')).location, '/user/menu', 'a logged-in user is sent on to the menu');
});

test('a POST without the session\'s CSRF token, or from another site, is refused and moves no money', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  const code = await f.otp(SERIAL.hw1);
  const noToken = await u.post('/user/payments/execute', { draftId, otp: code }, { csrf: false });
  assert.equal(noToken.status, 403);
  const crossSite = await u.post('/user/payments/execute', { draftId, otp: code }, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  assert.equal(crossSite.status, 403);
  assert.equal((await f.history()).length, 0);
  assert.ok((await f.audit()).some((e) => e.action === 'web.csrf' && e.target === '/user/payments/execute'));
});

test('a user sees and authorises only their own payments: another user\'s draft looks like none', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register(null, SERIAL.sw);
  const owner = userAgent(f.app);
  await owner.login('user01');
  const draftId = await owner.prepareTransfer();
  const other = userAgent(f.app);
  await other.login('user02');
  assert.deepEqual([(await other.get(`/user/payments/confirm?id=${draftId}`)).status, (await other.get(`/user/payments/confirm?id=${draftId}`)).errors._page], [404, 'payment_not_found']);
  assert.equal((await other.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.sw) })).errors._page, 'payment_not_found');
  assert.equal((await f.history()).length, 0);
  await owner.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.sw) });
  assert.equal((await other.get(`/user/payments/receipt?id=${draftId}`)).status, 404);
  assert.equal((await owner.get(`/user/payments/receipt?id=${draftId}`)).status, 200);
});

test('user pages are never cached, the user cookie is not the admin\'s, and ログアウト ends the session', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.get('/login');
  await u.post('/login', { contractId: '10000000001', password: 'kanri001' });
  await u.login('user01');
  const menu = await u.get('/user/menu');
  assert.equal(menu.headers['cache-control'], 'no-store');
  assert.match(String(menu.headers['content-security-policy']), /default-src 'none'/);
  assert.equal((await u.get('/menu')).status, 200, 'the admin session in the same browser lives on');
  await u.get('/user/menu');
  assert.equal((await u.post('/user/logout', {})).location, '/user/login?done=logout');
  assert.equal((await u.get('/user/menu')).location, '/user/login');
});

test('an unknown page under /user is a Japanese 404 page', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const page = await userAgent(f.app).get('/user/nowhere');
  assert.deepEqual([page.status, page.errors._page], [404, 'page_not_found']);
});
