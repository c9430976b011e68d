// BIZOTP_PUBLIC_ORIGIN: behind a proxy the Host header is whatever the proxy forwards, so a POST's Origin is
// compared with the configured public origin (scheme, host and port) instead, on every form of every audience.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, parsePublicOrigin } from '../../src/config.ts';
import { loginSteps, STEP_MS } from '../bank/bank-fixture.ts';
import { enrolledStaff, STAFF_PASSWORD } from '../support/staff-world.ts';
import { agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

const PUBLIC = 'https://ib.example-bank.jp';

let f: Fixture;
before(async () => {
  f = await setup({ users: 1 });
});
after(async () => {
  await f.close();
});

describe('POSTs checked against BIZOTP_PUBLIC_ORIGIN', () => {
  it('accepts a POST whose Origin is the public origin although the Host header is the upstream address', async () => {
    const admin = agent(f.createApp({ publicOrigin: PUBLIC }));
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/menu');
    const page = await admin.post('/otp/form', { form: 'shared' }, { headers: { origin: PUBLIC } });
    assert.notEqual(page.status, 403);
    assert.notEqual(page.errors._page, 'csrf_invalid');
  });

  it('refuses a POST whose Origin matches the Host header but not the public origin, or differs in scheme', async () => {
    const admin = agent(f.createApp({ publicOrigin: PUBLIC }));
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/menu');
    for (const origin of ['http://localhost', 'http://ib.example-bank.jp', 'https://ib.example-bank.jp:8443', 'https://evil.example']) {
      const page = await admin.post('/otp/form', { form: 'shared' }, { headers: { origin } });
      assert.equal(page.status, 403, origin);
      assert.equal(page.errors._page, 'csrf_invalid', origin);
    }
  });

  it('refuses a users’-side login POST from another origin when the public origin is set', async () => {
    const user = agent(f.createApp({ publicOrigin: PUBLIC }));
    await user.get('/user/login');
    const refused = await user.post('/user/login', { contractId: A.contractId, loginId: 'user01', password: 'riyou001' }, { headers: { origin: 'http://localhost' } });
    assert.equal(refused.status, 403);
  });

  it('refuses a users’-side POST of a logged-in session from another origin when the public origin is set, and keeps the session', async () => {
    const user = agent(f.createApp({ publicOrigin: PUBLIC }));
    await user.get('/user/login');
    const login = await user.post('/user/login', { contractId: A.contractId, loginId: 'user01', password: 'riyou001' }, { headers: { origin: PUBLIC } });
    assert.equal(login.location, '/user/menu');
    await user.get('/user/menu');
    const refused = await user.post('/user/logout', {}, { headers: { origin: 'http://localhost' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.errors._page, 'csrf_invalid');
    assert.equal((await user.get('/user/menu')).status, 200);
  });

  it('refuses the staff console’s login and its logged-in POSTs from another origin when the public origin is set', async () => {
    const app = f.createApp({ publicOrigin: PUBLIC });
    const who = await enrolledStaff(f.deps, 'origin01', 'operator');
    f.clock.advance(STEP_MS);
    const refusedLogin = agent(app);
    await refusedLogin.get('/bank/login');
    const first = await refusedLogin.post('/bank/login', { staffId: who.id, password: STAFF_PASSWORD }, { headers: { origin: 'http://localhost' } });
    assert.equal(first.status, 403);
    assert.equal(first.errors._form, 'csrf_invalid');

    const staff = agent(app);
    const done = await loginSteps(staff, who.id, STAFF_PASSWORD, () => who.code());
    assert.equal(done.location, '/bank/dashboard');
    await staff.get('/bank/dashboard');
    const refused = await staff.post('/bank/logout', {}, { headers: { origin: 'http://localhost' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.errors._page, 'csrf_invalid');
    assert.equal((await staff.post('/bank/logout', {}, { headers: { origin: PUBLIC } })).location, '/bank/login?done=logout');
  });

  it('compares with the Host header when no public origin is configured, as before', async () => {
    const admin = agent(f.createApp());
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/menu');
    const page = await admin.post('/otp/form', { form: 'shared' }, { headers: { origin: 'http://localhost' } });
    assert.notEqual(page.status, 403);
  });
});

describe('parsing BIZOTP_PUBLIC_ORIGIN', () => {
  it('keeps only the origin and drops a default port', () => {
    assert.equal(parsePublicOrigin('https://ib.example-bank.jp:443'), PUBLIC);
    assert.equal(parsePublicOrigin(undefined), null);
    assert.equal(parsePublicOrigin(''), null);
  });

  for (const bad of ['ib.example-bank.jp', 'https://ib.example-bank.jp/login', 'ftp://ib.example-bank.jp', 'https://u@ib.example-bank.jp']) {
    it(`refuses "${bad}" at start-up`, () => {
      assert.throws(() => parsePublicOrigin(bad), ConfigError);
    });
  }
});
