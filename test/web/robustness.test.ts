// ASVS 4.0.3 5.1.3: bad input never crashes a page; nothing is ever answered with a stack trace. A fuzz of
// every POST route with odd values must give zero 5xx, and a real failure gives a Japanese 500 page.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Store } from '../../src/domain/store-ports.ts';
import { createApp } from '../../src/web/app.ts';
import { agent, type Agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let admin: Agent;
beforeEach(async () => {
  f = await setup({ users: 2 });
  admin = agent(f.createApp());
  await admin.login(A.contractId, A.adminPassword);
  await admin.get('/menu');
});
afterEach(async () => {
  await f.close();
});

const ROUTES = ['/login', '/users/new', '/users/edit', '/users/delete', '/users/unlock', '/users/unregister', '/otp/form', '/otp/register/per-user', '/otp/register/shared'];
const FIELDS = ['loginId', 'name', 'userPassword', 'userConfirmPin', 'confirmPin', 'serial', 'otp', 'form', 'contractId', 'password', 'canTransfer'];
const ODD_VALUES = ['', ' ', '　', '０１２３４５', '𠮷野家', '\u0000', '<script>alert(1)</script>', "' OR 1=1 --", 'a'.repeat(5000), '-1', '1e309', '__proto__', 'constructor', '%00', '\r\n', '😀😀😀', '１２３４５６７８'];

/** A deterministic pseudo-random sequence, so that a failure can be reproduced. */
function* pseudoRandom(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

describe('bad input', () => {
  it('never gets a 5xx from any POST route, over 400 odd forms', async () => {
    const rand = pseudoRandom(42);
    const pick = <T>(list: readonly T[]): T => list[(rand.next().value as number) % list.length] as T;
    for (let i = 0; i < 400; i++) {
      const form: Record<string, string> = {};
      for (const name of FIELDS) if ((rand.next().value as number) % 2 === 0) form[name] = pick(ODD_VALUES);
      const url = pick(ROUTES);
      const page = await admin.post(url, form);
      assert.ok(page.status < 500, `${url} ${JSON.stringify(form).slice(0, 200)} → ${page.status}`);
      assert.doesNotMatch(page.body, /<script>alert/, 'every echoed value is escaped');
    }
  });

  it('answers fields sent twice, a JSON body, an unknown content type and an oversized body with 4xx pages', async () => {
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const app = f.createApp();
    const twice = await app.inject({ method: 'POST', url: '/otp/register/per-user', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${admin.csrf()}&serial=1&serial=2&loginId=user01&otp=123456&confirmPin=x` });
    assert.equal(twice.statusCode, 422);
    const json = await app.inject({ method: 'POST', url: '/users/new', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ _csrf: admin.csrf(), loginId: ['a'], confirmPin: { $gt: '' } }) });
    assert.equal(json.statusCode, 422);
    const badJson = await app.inject({ method: 'POST', url: '/users/new', headers: { cookie, 'content-type': 'application/json' }, payload: '{"_csrf":' });
    assert.equal(badJson.statusCode, 400);
    const xml = await app.inject({ method: 'POST', url: '/users/new', headers: { cookie, 'content-type': 'application/xml' }, payload: '<x/>' });
    assert.equal(xml.statusCode, 415);
    const huge = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `contractId=${'1'.repeat(200_000)}` });
    assert.equal(huge.statusCode, 413);
    for (const r of [badJson, xml, huge]) {
      assert.match(r.body, /data-error-code="bad_request"/);
      assert.match(String(r.headers['content-type']), /^text\/html/);
    }
  });

  it('answers a malformed cookie and a garbage URL without an error', async () => {
    const app = f.createApp();
    const cookie = await app.inject({ url: '/menu', headers: { cookie: `bizotp_sid=%%%; bizotp_sid=${'x'.repeat(5000)}` } });
    assert.equal(cookie.statusCode, 303);
    const url = await app.inject({ url: '/users/edit?loginId=%E0%A4%A' });
    assert.ok(url.statusCode < 500);
  });
});

describe('a failure inside the server', () => {
  it('shows a Japanese error page with status 500 and no detail of the failure', async () => {
    let broken = false;
    const store: Store = {
      dialect: f.deps.store.dialect,
      transaction: (fn) => (broken ? Promise.reject(new Error('disk I/O error at /srv/bizotp/src/store/sql/secret-path.ts:12')) : f.deps.store.transaction(fn)),
      close: () => f.deps.store.close(),
    };
    const app = createApp({ ...f.deps, store }, { secureCookies: false, logger: false });
    const browser = agent(app);
    await browser.login(A.contractId, A.adminPassword);
    broken = true;
    const page = await browser.get('/menu');
    assert.equal(page.status, 500);
    assert.equal(page.errors._page, 'server_error');
    assert.doesNotMatch(page.body, /disk|secret-path|\.ts:|at /);
    assert.equal(page.headers['cache-control'], 'no-store');
  });
});
