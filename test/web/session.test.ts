// Admin login, the server-side session and its end: ASVS 5.0 7.2.3/7.2.4 (random id, rotated at login,
// HttpOnly, SameSite, Secure behind TLS), idle timeout, logout, login lockout and the per-IP rate limit.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ADMIN_IDLE_TIMEOUT_MS, ADMIN_SESSION_MAX_MS } from '../../src/domain/admin-sessions.ts';
import { hashSessionId } from '../../src/domain/session-ids.ts';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { LOGIN_ATTEMPTS_PER_IP, LOGIN_RATE_WINDOW_MS } from '../../src/web/login-rate-limit.ts';
import { agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
beforeEach(async () => {
  f = await setup({ users: 1 });
});
afterEach(async () => {
  await f.close();
});

const lastAudit = async (chain: string, action: string): Promise<{ outcome: string; actor: string; ip: string } | undefined> =>
  (await f.audit(chain)).filter((e) => e.action === action).at(-1);

describe('admin login', () => {
  it('gives an HttpOnly SameSite=Strict cookie with 256 random bits, stores only its SHA-256, and audits the login', async () => {
    const app = f.createApp();
    const browser = agent(app);
    const page = await browser.login(A.contractId, A.adminPassword);
    assert.equal(page.status, 303);
    assert.equal(page.location, '/menu');
    const setCookie = [page.headers['set-cookie']].flat().find((c) => String(c).startsWith('bizotp_sid='));
    assert.match(String(setCookie), /^bizotp_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const id = browser.cookies.get('bizotp_sid') ?? '';
    const stored = await f.deps.store.transaction(async (tx) => ({ byHash: await tx.sessions.get(hashSessionId(id)), byId: await tx.sessions.get(id) }));
    assert.equal(stored.byHash?.contractId, A.contractId);
    assert.equal(stored.byHash?.loginId, null);
    assert.equal(stored.byId, undefined);
    assert.equal((await lastAudit(A.contractId, 'admin.login'))?.outcome, 'success');
    assert.equal((await browser.get('/menu')).status, 200);
  });

  it('marks the cookies Secure with the __Host- prefix and sends HSTS when served over TLS', async () => {
    const browser = agent(f.createApp({ secureCookies: true }));
    const loginPage = await browser.get('/login');
    assert.match(String(loginPage.headers['set-cookie']), /^__Host-bizotp_login=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    assert.match(String(loginPage.headers['strict-transport-security']), /max-age=\d+/);
    const page = await browser.post('/login', { contractId: A.contractId, password: A.adminPassword });
    assert.ok([page.headers['set-cookie']].flat().some((c) => /^__Host-bizotp_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/.test(String(c))));
  });

  it('refuses a wrong password with one message for unknown contract and wrong password, and audits it', async () => {
    const browser = agent(f.createApp());
    const wrong = await browser.login(A.contractId, 'wrong123');
    assert.equal(wrong.status, 422);
    assert.equal(wrong.errors._form, 'login_failed');
    assert.match(wrong.body, /value="10000000001"/, 'the contract id is kept');
    assert.doesNotMatch(wrong.body, /wrong123/, 'the password is not');
    const unknown = await browser.login('99999999999', 'wrong123');
    assert.equal(unknown.errors._form, 'login_failed');
    assert.equal((await lastAudit(A.contractId, 'admin.login'))?.outcome, 'login_failed');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
  });

  it('shows a message next to each malformed field: empty, full-width digits, too short', async () => {
    const browser = agent(f.createApp());
    const empty = await browser.login('', '');
    assert.deepEqual(empty.errors, { contractId: 'required', password: 'required' });
    const fullWidth = await browser.login('１００００００００００１', 'kanri001');
    assert.deepEqual(fullWidth.errors, { contractId: 'not_half_width' });
    const short = await browser.login('1000', 'kanri001');
    assert.deepEqual(short.errors, { contractId: 'too_short' });
  });

  it(`locks the admin login after ${MAX_LOGIN_FAILURES} wrong passwords and refuses the right one while locked`, async () => {
    const browser = agent(f.createApp());
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      assert.equal((await browser.login(A.contractId, 'wrong123')).errors._form, 'login_failed');
      f.clock.advance(10_000); // past the progressive delay (test/login-delay.test.ts), so each guess is checked
    }
    const locked = await browser.login(A.contractId, A.adminPassword);
    assert.equal(locked.errors._form, 'login_locked');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
    assert.equal((await lastAudit(A.contractId, 'admin.login'))?.outcome, 'login_locked');
  });

  it('refuses a login POST whose CSRF token does not match the login cookie', async () => {
    const browser = agent(f.createApp());
    await browser.get('/login');
    const page = await browser.post('/login', { contractId: A.contractId, password: A.adminPassword }, { csrf: 'forged-token' });
    assert.equal(page.status, 403);
    assert.equal(page.errors._form, 'csrf_invalid');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
    const fresh = agent(f.createApp());
    const noCookie = await fresh.post('/login', { contractId: A.contractId, password: A.adminPassword }, { csrf: 'x' });
    assert.equal(noCookie.status, 403);
  });

  it(`limits one IP address to ${LOGIN_ATTEMPTS_PER_IP} login attempts per window, audited once per window on the bank's chain`, async () => {
    const browser = agent(f.createApp());
    const before = (await f.audit('bank')).filter((e) => e.action === 'admin.login').length;
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_IP; i++) assert.notEqual((await browser.login('99999999999', 'guess123')).status, 429);
    const limited = await browser.login(A.contractId, A.adminPassword);
    assert.equal(limited.status, 429);
    assert.equal(limited.errors._form, 'too_many_requests');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
    const written = (await f.audit('bank')).filter((e) => e.action === 'admin.login').length - before;
    assert.ok(written <= 1, `anonymous failures are audited once per source and window, not per request (${written})`);
    f.clock.advance(LOGIN_RATE_WINDOW_MS);
    assert.equal((await browser.login(A.contractId, A.adminPassword)).status, 303);
  });
});

describe('session rotation', () => {
  it('never adopts a session id planted before login (fixation)', async () => {
    const browser = agent(f.createApp());
    const planted = 'A'.repeat(43);
    browser.cookies.set('bizotp_sid', planted);
    assert.equal((await browser.get('/menu')).location, '/login', 'a planted id is no session');
    await browser.login(A.contractId, A.adminPassword);
    const issued = browser.cookies.get('bizotp_sid');
    assert.notEqual(issued, planted);
    const victim = agent(f.createApp());
    victim.cookies.set('bizotp_sid', planted);
    assert.equal((await victim.get('/menu')).status, 303);
  });

  it('gives a new id at each login and ends the session the browser had before', async () => {
    const app = f.createApp();
    const earlier = agent(app);
    await earlier.login(A.contractId, A.adminPassword);
    const first = earlier.cookies.get('bizotp_sid') ?? '';
    // The same browser, with the login screen open from before, still holding its first session.
    const browser = agent(app);
    await browser.get('/login');
    browser.cookies.set('bizotp_sid', first);
    assert.equal((await browser.post('/login', { contractId: A.contractId, password: A.adminPassword })).status, 303);
    const second = browser.cookies.get('bizotp_sid') ?? '';
    assert.notEqual(first, second);
    const old = agent(app);
    old.cookies.set('bizotp_sid', first);
    assert.equal((await old.get('/menu')).location, '/login');
    assert.equal(await f.deps.store.transaction((tx) => tx.sessions.get(hashSessionId(first))), undefined);
  });
});

describe('logout', () => {
  it('deletes the session, clears the cookie and audits the logout', async () => {
    const app = f.createApp();
    const browser = agent(app);
    await browser.login(A.contractId, A.adminPassword);
    const id = browser.cookies.get('bizotp_sid') ?? '';
    await browser.get('/menu');
    const out = await browser.post('/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.location, '/login?done=logout');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
    assert.equal(await f.deps.store.transaction((tx) => tx.sessions.get(hashSessionId(id))), undefined);
    assert.equal((await lastAudit(A.contractId, 'admin.logout'))?.outcome, 'logged_out');
    const replay = agent(app);
    replay.cookies.set('bizotp_sid', id);
    assert.equal((await replay.get('/menu')).location, '/login');
  });

  it('refuses a logout without the CSRF token and keeps the session', async () => {
    const browser = agent(f.createApp());
    await browser.login(A.contractId, A.adminPassword);
    await browser.get('/menu');
    assert.equal((await browser.post('/logout', {}, { csrf: false })).status, 403);
    assert.equal((await browser.get('/menu')).status, 200);
  });
});

describe('idle timeout', () => {
  it(`keeps a session used within ${ADMIN_IDLE_TIMEOUT_MS / 60000} minutes and ends it one millisecond later`, async () => {
    const browser = agent(f.createApp());
    await browser.login(A.contractId, A.adminPassword);
    f.clock.advance(ADMIN_IDLE_TIMEOUT_MS);
    assert.equal((await browser.get('/menu')).status, 200, 'exactly at the limit it is still alive, and the use renews it');
    f.clock.advance(ADMIN_IDLE_TIMEOUT_MS);
    assert.equal((await browser.get('/menu')).status, 200);
    f.clock.advance(ADMIN_IDLE_TIMEOUT_MS + 1);
    const expired = await browser.get('/menu');
    assert.equal(expired.location, '/login?expired=1');
    assert.equal(browser.cookies.has('bizotp_sid'), false);
    assert.equal((await browser.get('/login?expired=1')).errors._form, 'session_expired');
    assert.equal((await lastAudit(A.contractId, 'admin.logout'))?.outcome, 'timeout');
  });

  it('ends a session that stayed busy past its maximum lifetime', async () => {
    const browser = agent(f.createApp());
    await browser.login(A.contractId, A.adminPassword);
    const step = ADMIN_IDLE_TIMEOUT_MS / 2;
    for (let spent = 0; spent + step <= ADMIN_SESSION_MAX_MS; spent += step) {
      f.clock.advance(step);
      assert.equal((await browser.get('/menu')).status, 200);
    }
    f.clock.advance(step);
    assert.equal((await browser.get('/menu')).location, '/login?expired=1');
  });

  it('refuses a POST of an expired session without acting on it', async () => {
    const browser = agent(f.createApp());
    await browser.login(A.contractId, A.adminPassword);
    await browser.get('/users');
    f.clock.advance(ADMIN_IDLE_TIMEOUT_MS + 1);
    const page = await browser.post('/users/delete', { loginId: 'user01', confirmPin: A.confirmPin });
    assert.equal(page.location, '/login?expired=1');
    assert.ok(await f.deps.store.transaction((tx) => tx.users.get(A.contractId, 'user01')));
  });
});
