// ASVS 4.0.3 4.2.2: every state-changing request carries the session's CSRF token and comes from this site;
// a GET never changes anything.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { agent, type Agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let admin: Agent;
beforeEach(async () => {
  f = await setup({ users: 3 });
  admin = agent(f.createApp());
  await admin.login(A.contractId, A.adminPassword);
  await admin.get('/menu');
});
afterEach(async () => {
  await f.close();
});

/** Every POST of the admin's screens, each with a body that would succeed with the right token. */
const POSTS: readonly [string, (f: Fixture) => Promise<Record<string, string>>][] = [
  ['/logout', async () => ({})],
  ['/users/new', async () => ({ loginId: 'user99', name: 'x', userPassword: 'abc12345', userConfirmPin: 'abc12345', confirmPin: A.confirmPin })],
  ['/users/edit', async () => ({ loginId: 'user01', name: '改名', confirmPin: A.confirmPin })],
  ['/users/delete', async () => ({ loginId: 'user01', confirmPin: A.confirmPin })],
  ['/users/unlock', async () => ({ loginId: 'user01', confirmPin: A.confirmPin })],
  ['/users/unregister', async () => ({ loginId: 'user01', confirmPin: A.confirmPin })],
  ['/otp/form', async () => ({ form: 'shared' })],
  ['/otp/register/per-user', async (fx) => ({ loginId: 'user01', serial: A.serials[0], otp: await fx.otp(A.serials[0]), confirmPin: A.confirmPin })],
  ['/otp/register/shared', async (fx) => ({ serial: A.serials[0], otp: await fx.otp(A.serials[0]), confirmPin: A.confirmPin })],
];

async function snapshot(): Promise<string> {
  return f.deps.store.transaction(async (tx) =>
    JSON.stringify(
      { users: await tx.users.list(A.contractId), regs: await tx.registrations.history(A.contractId), contract: await tx.contracts.get(A.contractId), token: await tx.tokens.get(A.serials[0]) },
      (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value),
    ),
  );
}

describe('CSRF', () => {
  for (const [url, body] of POSTS) {
    it(`refuses POST ${url} without the token, with a wrong token, and from another origin, changing nothing`, async () => {
      const before = await snapshot();
      const form = await body(f);
      const attempts = [
        await admin.post(url, form, { csrf: false }),
        await admin.post(url, form, { csrf: 'x'.repeat(43) }),
        await admin.post(url, form, { headers: { origin: 'https://evil.example' } }),
        await admin.post(url, form, { headers: { 'sec-fetch-site': 'cross-site' } }),
      ];
      for (const page of attempts) {
        assert.equal(page.status, 403);
        assert.equal(page.errors._page, 'csrf_invalid');
      }
      assert.equal(await snapshot(), before);
      assert.equal((await admin.get('/menu')).status, 200, 'the session is still there');
      const refusals = (await f.audit(A.contractId)).filter((e) => e.action === 'web.csrf');
      assert.equal(refusals.length, 4);
      assert.equal(refusals[0]?.outcome, 'csrf_invalid');
      assert.equal(refusals[0]?.target, url);
    });
  }

  it('refuses the token of another session of the same contract', async () => {
    const other = agent(f.createApp());
    await other.login(A.contractId, A.adminPassword);
    await other.get('/menu');
    const page = await admin.post('/users/delete', { loginId: 'user01', confirmPin: A.confirmPin }, { csrf: other.csrf() });
    assert.equal(page.status, 403);
    assert.ok(await f.deps.store.transaction((tx) => tx.users.get(A.contractId, 'user01')));
  });

  it('accepts the right token from the same origin', async () => {
    await admin.get('/users/delete?loginId=user01');
    const page = await admin.post('/users/delete', { loginId: 'user01', confirmPin: A.confirmPin }, { headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
    assert.equal(page.status, 303);
  });
});

describe('GET', () => {
  it('never changes state, even with every field of an operation in the query', async () => {
    const before = await snapshot();
    const auditBefore = (await f.audit(A.contractId)).length;
    const query = new URLSearchParams({ loginId: 'user01', confirmPin: A.confirmPin, serial: A.serials[0], otp: await f.otp(A.serials[0]), form: 'shared', name: 'x' }).toString();
    for (const path of ['/users/new', '/users/edit', '/users/delete', '/users/unlock', '/users/unregister', '/otp/form', '/otp/register/per-user', '/otp/register/shared', '/logout', '/menu', '/users']) {
      assert.ok((await admin.get(`${path}?${query}`)).status < 500, path);
    }
    assert.equal(await snapshot(), before);
    assert.equal((await f.audit(A.contractId)).length, auditBefore);
    assert.equal((await admin.get('/menu')).status, 200);
  });
});
