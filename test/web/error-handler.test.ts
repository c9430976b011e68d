// One error handler for the three audiences (管理者, 利用者, 職員): the same error code and status for the same
// failure, each rendered in its own audience's page, never a stack trace; and the code → status map.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ERROR_CODES } from '../../src/domain/error-codes.ts';
import { ERROR_STATUS, statusOf } from '../../src/web/kit/error-status.ts';
import { agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await setup({ users: 1 });
});
after(async () => {
  await f.close();
});

const AUDIENCES = [
  { name: 'admin', prefix: '', login: '/login' },
  { name: 'user', prefix: '/user', login: '/user/login' },
  { name: 'bank', prefix: '/bank', login: '/bank/login' },
] as const;

describe('the one error handler of every audience', () => {
  for (const a of AUDIENCES) {
    it(`answers an unknown ${a.name} page with 404 page_not_found on the ${a.name}'s own page`, async () => {
      const page = await agent(f.createApp()).get(`${a.prefix}/no-such-screen`);
      assert.deepEqual([page.status, page.errors._page], [404, 'page_not_found']);
      assert.match(page.body, new RegExp(`href="${a.login}"`));
    });

    it(`answers the ${a.name} login POST with a malformed body with 400 bad_request, not a stack trace`, async () => {
      const response = await f.createApp().inject({ method: 'POST', url: a.login, headers: { 'content-type': 'application/json' }, payload: '{"unclosed' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /data-error-code="bad_request"/);
      assert.doesNotMatch(response.body, /SyntaxError|at .*\.ts:/);
    });
  }

  it('shows a logged-in admin a refusal of his own screens with the neutral contract header (the database may be what failed)', async () => {
    const admin = agent(f.createApp());
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/menu');
    const page = await admin.post('/otp/form', { form: 'shared' }, { csrf: 'x'.repeat(43) });
    assert.deepEqual([page.status, page.errors._page], [403, 'csrf_invalid']);
    assert.match(page.body, new RegExp(`ご契約先ID ${A.contractId}`));
  });
});

describe('error code → HTTP status', () => {
  it('gives every code of the catalog a status between 400 and 599', () => {
    for (const code of ERROR_CODES) assert.ok(statusOf(code) >= 400 && statusOf(code) < 600, code);
    assert.equal(Object.keys(ERROR_STATUS).length, ERROR_CODES.length);
  });

  it('sends a refused CSRF token as 403, an unknown page as 404, the rate limit as 429 and a refused form as 422', () => {
    assert.deepEqual([statusOf('csrf_invalid'), statusOf('page_not_found'), statusOf('too_many_requests'), statusOf('token_locked')], [403, 404, 429, 422]);
  });
});
