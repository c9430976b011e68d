// 職員ログイン over HTTP: password then TOTP, first-login enrolment, replay, lockout, idle timeout, audit.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BANK_CHAIN } from '../../src/domain/audit.ts';
import { newStaff, STAFF_PASSWORD, staffCodeAt } from '../support/staff-world.ts';
import { agent } from '../web/agent.ts';
import { bankWorld, fromBase32, loginSteps, secretShownOn, STEP_MS } from './bank-fixture.ts';

test('a staff member logs in with 職員ID, password and code, and reaches the dashboard; the login is audited', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const op = await w.staff('op1', 'operator');
  const a = await w.loggedIn(op);
  assert.equal((await a.get('/bank')).location, '/bank/dashboard');
  const page = await a.get('/bank/dashboard');
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1 class="page-title">ダッシュボード<\/h1>/);
  assert.match(page.body, /aria-label="職員メニュー"/);
  const outcomes = (await w.f.audit(BANK_CHAIN)).filter((e) => e.action === 'staff.login' && e.actor === 'staff:op1').map((e) => e.outcome);
  assert.deepEqual(outcomes, ['password_ok', 'success']);
});

test('a replayed code is refused at the next login, and a wrong one says so next to the field', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const op = await w.staff('op1', 'operator');
  w.f.clock.advance(STEP_MS);
  const code = op.code();
  const first = await loginSteps(agent(w.app), 'op1', STAFF_PASSWORD, () => code);
  assert.equal(first.location, '/bank/dashboard');
  const again = await loginSteps(agent(w.app), 'op1', STAFF_PASSWORD, () => code);
  assert.deepEqual([again.status, again.errors.otp], [422, 'staff_otp_replayed']);
  const wrong = await loginSteps(agent(w.app), 'op1', STAFF_PASSWORD, () => (code === '000000' ? '111111' : '000000'));
  assert.deepEqual([wrong.status, wrong.errors.otp], [422, 'staff_otp_invalid']);
});

test('the console is reached only after the code: a session at the code step is sent back to login', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await w.staff('op1', 'operator');
  const a = agent(w.app);
  await a.get('/bank/login');
  await a.post('/bank/login', { staffId: 'op1', password: STAFF_PASSWORD });
  assert.equal((await a.get('/bank/dashboard')).location, '/bank/login');
});

test('five wrong passwords lock the login; the right password is then refused as locked', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await w.staff('op1', 'operator');
  const a = agent(w.app);
  for (let i = 0; i < 5; i++) {
    await a.get('/bank/login');
    assert.equal((await a.post('/bank/login', { staffId: 'op1', password: 'not-the-password' })).errors._form, 'staff_login_failed');
  }
  await a.get('/bank/login');
  assert.equal((await a.post('/bank/login', { staffId: 'op1', password: STAFF_PASSWORD })).errors._form, 'staff_locked');
});

test('a session idle for 15 minutes ends: the next request goes to the login screen saying why', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const a = await w.loggedIn(await w.staff('op1', 'operator'));
  w.f.clock.advance(15 * 60 * 1000);
  assert.equal((await a.get('/bank/dashboard')).status, 200, 'exactly 15 minutes is still within the limit');
  w.f.clock.advance(15 * 60 * 1000 + 1);
  const page = await a.get('/bank/dashboard');
  assert.equal(page.location, '/bank/login?expired=1');
  assert.equal((await a.get('/bank/login?expired=1')).errors._form, 'session_expired');
});

test('first login enrols the authenticator: QR code and secret, confirmed by one code, then the dashboard', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await newStaff(w.f.deps, 'new1', 'viewer');
  const a = agent(w.app);
  await a.get('/bank/login');
  assert.equal((await a.post('/bank/login', { staffId: 'new1', password: STAFF_PASSWORD })).location, '/bank/enrol');
  const page = await a.get('/bank/enrol');
  assert.match(page.body, /<svg[^>]*viewBox/);
  const shown = secretShownOn(page.body);
  assert.ok(shown !== undefined && shown.length === 32);
  assert.equal((await a.post('/bank/enrol', { otp: '000000' === staffCodeAt(fromBase32(shown), w.f.clock.nowMs) ? '111111' : '000000' })).errors.otp, 'staff_otp_invalid');
  const done = await a.post('/bank/enrol', { otp: staffCodeAt(fromBase32(shown), w.f.clock.nowMs) });
  assert.equal(done.location, '/bank/dashboard');
  assert.equal((await a.get('/bank/dashboard')).status, 200);
  assert.equal((await a.get('/bank/enrol')).location, '/bank/login', 'the enrolment screen is gone once enrolled');
  const staff = await w.f.deps.store.transaction((tx) => tx.staff.get('new1'));
  assert.equal(staff?.mustEnrol, false);
});

test('the pending secret is shown only to its own enrolment session, never to another staff member of any role', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await newStaff(w.f.deps, 'new1', 'viewer');
  await newStaff(w.f.deps, 'new2', 'approver');
  const enrolling = agent(w.app);
  await enrolling.get('/bank/login');
  await enrolling.post('/bank/login', { staffId: 'new1', password: STAFF_PASSWORD });
  const secret = secretShownOn((await enrolling.get('/bank/enrol')).body);
  assert.ok(secret !== undefined);
  const seen: string[] = [];
  for (const role of ['viewer', 'operator', 'approver'] as const) {
    const other = await w.loggedIn(await w.staff(`x-${role}`, role));
    for (const url of ['/bank/enrol', '/bank/dashboard', '/bank/approvals', '/bank/unlock', '/bank/login']) seen.push((await other.get(url)).body);
  }
  const otherEnrolling = agent(w.app);
  await otherEnrolling.get('/bank/login');
  await otherEnrolling.post('/bank/login', { staffId: 'new2', password: STAFF_PASSWORD });
  seen.push((await otherEnrolling.get('/bank/enrol')).body);
  for (const body of seen) assert.equal(body.includes(secret) || body.replace(/ /g, '').includes(secret), false);
  assert.notEqual(secretShownOn(seen.at(-1) ?? ''), secret);
});

test('a POST without the session\'s CSRF token is refused with 403 and audited', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const a = await w.loggedIn(await w.staff('op1', 'operator'));
  const page = await a.post('/bank/unlock', { contractId: '10000000001', kind: 'admin_login', reason: '理由' }, { csrf: false });
  assert.deepEqual([page.status, page.errors._page], [403, 'csrf_invalid']);
  assert.equal((await w.f.audit(BANK_CHAIN)).at(-1)?.outcome, 'csrf_invalid');
});

test('ログアウト ends the session at once', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const a = await w.loggedIn(await w.staff('vw1', 'viewer'));
  assert.equal((await a.post('/bank/logout', {})).location, '/bank/login?done=logout');
  assert.equal((await a.get('/bank/dashboard')).location, '/bank/login');
});
