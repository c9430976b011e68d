// ASVS 4.0.3 14.4 and 8.2.1: security headers on every response, and no caching of any page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/web/security-headers.ts';
import { STYLESHEET_HREF } from '../../src/web/static-assets.ts';
import { agent, type Agent, type Page } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let admin: Agent;
before(async () => {
  f = await setup({ users: 2 });
  admin = agent(f.createApp());
  await admin.login(A.contractId, A.adminPassword);
});
after(async () => {
  await f.close();
});

function assertSecurityHeaders(page: Page, what: string): void {
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY, what);
  assert.equal(page.headers['x-frame-options'], 'DENY', what);
  assert.equal(page.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(page.headers['referrer-policy'], 'same-origin', what);
}

describe('security headers', () => {
  it('forbid scripts, framing and foreign form targets in the content security policy', () => {
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /script-src|unsafe-inline|unsafe-eval/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /form-action 'self'/);
  });

  it('are sent with no-store on every authenticated page, and no page has inline script or style', async () => {
    for (const path of ['/menu', '/menu/contract', '/users', '/users/new', '/users/edit?loginId=user01', '/users/delete?loginId=user01', '/otp/form', '/otp/register/per-user', '/otp/register/shared']) {
      const page = await admin.get(path);
      assert.equal(page.status, 200, path);
      assertSecurityHeaders(page, path);
      assert.equal(page.headers['cache-control'], 'no-store', path);
      assert.match(String(page.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.doesNotMatch(page.body, /<script|\son[a-z]+=|\sstyle=|<style/i, path);
    }
  });

  it('are sent on the login page, redirects, a missing page and a refused POST', async () => {
    const anonymous = agent(f.createApp());
    for (const page of [await anonymous.get('/login'), await anonymous.get('/menu'), await anonymous.get('/no/such/page'), await admin.post('/users/new', {}, { csrf: false })]) {
      assertSecurityHeaders(page, String(page.status));
      assert.equal(page.headers['cache-control'], 'no-store');
    }
  });

  it('let the stylesheet be cached, as text/css', async () => {
    const css = await admin.get(STYLESHEET_HREF);
    assert.equal(css.status, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /^public, max-age=\d+/);
    assertSecurityHeaders(css, 'css');
  });
});
