// Deny by default, proved over every POST route the console registers: the routes are collected as
// Fastify registers them (onRoute), so a route added later is covered without editing this test.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { STAFF_PERMISSIONS } from '../../src/domain/staff-roles.ts';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { A } from '../web/fixture.ts';
import { bankWorld } from './bank-fixture.ts';

test('a viewer gets 403 on every POST route under /bank except ログアウト, and nothing changes', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const routes: { method: string; url: string; action: unknown }[] = [];
  w.app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, action: (route.config as { staffAction?: unknown } | undefined)?.staffAction });
  });
  await w.app.ready();
  const posts = routes.filter((r) => r.method === 'POST' && r.url.startsWith('/bank'));
  assert.ok(posts.length >= 8, `found ${posts.length} POST routes`);
  for (const r of routes.filter((x) => x.url.startsWith('/bank/') && x.method !== 'HEAD')) assert.notEqual(r.action, undefined, `${r.method} ${r.url} declares its action`);

  // Something to change: a locked admin login, and a pending request from an operator.
  await w.f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(A.contractId, MAX_LOGIN_FAILURES);
  });
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/unlock');
  await op.post('/bank/unlock/request', { contractId: A.contractId, kind: 'admin_login', reason: '確認済み' });
  const pending = await w.f.deps.store.transaction((tx) => tx.approvals.list(10));
  const requestId = pending[0]?.id ?? '';
  assert.match(requestId, /^[0-9a-f]{16}$/);

  const snapshot = (): Promise<string> =>
    w.f.deps.store.transaction(async (tx) => JSON.stringify([await tx.approvals.list(100), await tx.contracts.get(A.contractId), await tx.staff.list()], (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  const viewer = await w.loggedIn(await w.staff('vw1', 'viewer'));
  const before = await snapshot();
  const allowed: string[] = [];
  for (const route of posts) {
    if ((STAFF_PERMISSIONS as Record<string, readonly string[]>)[String(route.action)]?.includes('viewer') === true) {
      allowed.push(route.url);
      continue;
    }
    await viewer.get('/bank/dashboard'); // a fresh CSRF token of the viewer's own session
    const url = route.url.replace(':id', requestId);
    const page = await viewer.post(url, { contractId: A.contractId, kind: 'admin_login', reason: '理由', otp: '123456', staffId: 'vw1', password: 'x' });
    assert.equal(page.status, 403, `POST ${url} must be refused to a viewer`);
  }
  assert.deepEqual(allowed, ['/bank/logout'], 'the only POST a viewer may make is ending his own session');
  assert.equal(await snapshot(), before);
});
