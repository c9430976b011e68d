// The edge behind a reverse proxy: X-Forwarded-For names the client only when the peer is a trusted proxy
// (BIZOTP_TRUSTED_PROXIES), so each customer keeps a login-limit bucket of their own and the audit log records
// the client's address; anyone else's header is ignored. /healthz needs no database; /readyz says, in JSON,
// whether the database answers.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, parseTrustedProxies } from '../../src/config.ts';
import { LOGIN_ATTEMPTS_PER_IP } from '../../src/web/login-rate-limit.ts';
import { agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

const PROXY = '10.0.0.5';

let f: Fixture;
before(async () => {
  f = await setup({ users: 1 });
});
after(async () => {
  await f.close();
});

function lastLoginAudit(entries: readonly { action: string; ip: string; outcome: string }[]): { ip: string; outcome: string } | undefined {
  return entries.filter((e) => e.action === 'admin.login').at(-1);
}

describe('client addresses behind a trusted proxy', () => {
  it('records the forwarded client address, not the proxy’s, when the proxy is trusted', async () => {
    const app = f.createApp({ trustedProxies: ['10.0.0.0/8'] });
    const browser = agent(app, { remoteAddress: PROXY });
    await browser.get('/login', { 'x-forwarded-for': '203.0.113.7' });
    await browser.post('/login', { contractId: A.contractId, password: 'wrong999' }, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(lastLoginAudit(await f.audit(A.contractId))?.ip, '203.0.113.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, so a client cannot forge its address', async () => {
    const app = f.createApp({ trustedProxies: ['10.0.0.0/8'] });
    const browser = agent(app, { remoteAddress: '198.51.100.9' });
    await browser.get('/login', { 'x-forwarded-for': '203.0.113.8' });
    await browser.post('/login', { contractId: A.contractId, password: 'wrong999' }, { headers: { 'x-forwarded-for': '203.0.113.8' } });
    assert.equal(lastLoginAudit(await f.audit(A.contractId))?.ip, '198.51.100.9');
  });

  it('gives each client behind the proxy its own login-limit bucket: one client over the limit does not block another', async () => {
    const app = f.createApp({ trustedProxies: [PROXY] });
    const noisy = agent(app, { remoteAddress: PROXY });
    const forwardedNoisy = { headers: { 'x-forwarded-for': '203.0.113.20' } };
    for (let i = 0; i <= LOGIN_ATTEMPTS_PER_IP; i++) {
      await noisy.get('/login', forwardedNoisy.headers);
      await noisy.post('/login', { contractId: '99999999999', password: 'guess123' }, forwardedNoisy);
    }
    await noisy.get('/login', forwardedNoisy.headers);
    assert.equal((await noisy.post('/login', { contractId: A.contractId, password: A.adminPassword }, forwardedNoisy)).status, 429);

    // The earlier cases' wrong passwords put A's login in its progressive delay (test/login-delay.test.ts).
    f.clock.advance(10_000);
    const other = agent(app, { remoteAddress: PROXY });
    await other.get('/login', { 'x-forwarded-for': '203.0.113.21' });
    const page = await other.post('/login', { contractId: A.contractId, password: A.adminPassword }, { headers: { 'x-forwarded-for': '203.0.113.21' } });
    assert.equal(page.status, 303, 'another client behind the same proxy logs in');
  });

  it('without trusted proxies, every request behind a proxy shares the proxy’s address (the reason to configure it)', async () => {
    const app = f.createApp();
    const browser = agent(app, { remoteAddress: PROXY });
    await browser.get('/login', { 'x-forwarded-for': '203.0.113.30' });
    await browser.post('/login', { contractId: A.contractId, password: 'wrong999' }, { headers: { 'x-forwarded-for': '203.0.113.30' } });
    assert.equal(lastLoginAudit(await f.audit(A.contractId))?.ip, PROXY);
  });
});

describe('BIZOTP_TRUSTED_PROXIES', () => {
  const accepted: readonly [string, readonly string[]][] = [
    ['', []],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, ::1 ,fd00::/8', ['10.0.0.0/8', '::1', 'fd00::/8']],
    ['loopback,uniquelocal,linklocal', ['loopback', 'uniquelocal', 'linklocal']],
  ];
  for (const [text, expected] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseTrustedProxies(text), expected);
    });
  }
  for (const text of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '*', '::1/129', 'true']) {
    it(`refuses ${JSON.stringify(text)} at start-up instead of trusting the wrong peers`, () => {
      assert.throws(() => parseTrustedProxies(text), ConfigError);
    });
  }
});

describe('health and readiness', () => {
  it('/healthz answers without touching the database, also when it is closed', async () => {
    const g = await setup({ users: 0 });
    const app = g.createApp();
    await g.close();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('/readyz is 200 JSON while the database answers and 503 JSON when it does not', async () => {
    const g = await setup({ users: 0 });
    const app = g.createApp();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    await g.close();
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(down.statusCode, 503);
    assert.match(String(down.headers['content-type']), /application\/json/);
    assert.equal(down.json().status, 'not_ready');
  });
});
