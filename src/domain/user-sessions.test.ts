import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setupWorld, WHO } from '../../test/support/domain-setup.ts';
import { startAdminSession } from './admin-sessions.ts';
import { USER_IDLE_TIMEOUT_MS, USER_SESSION_MAX_MS } from './payment-policy.ts';
import { endUserSession, resumeUserSession, startUserSession } from './user-sessions.ts';
import { deleteUser } from './users.ts';

const C = '10000000001';

async function world() {
  const w = await setupWorld();
  await w.contract(C);
  await w.user(C, 'user01');
  return w;
}

test('a user session is found by its id, carries the user, and its idle timeout is 5 minutes to the millisecond', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const s = await startUserSession(w.deps, C, 'user01', undefined);
  assert.match(s.id, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(s.record.idHash, s.id, 'only a hash of the id is stored');
  w.advance(USER_IDLE_TIMEOUT_MS);
  const found = await resumeUserSession(w.deps, s.id, '127.0.0.1');
  assert.equal(found.kind === 'active' && found.session.loginId, 'user01');
  w.advance(USER_IDLE_TIMEOUT_MS + 1);
  assert.equal((await resumeUserSession(w.deps, s.id, '127.0.0.1')).kind, 'expired');
  assert.equal((await resumeUserSession(w.deps, s.id, '127.0.0.1')).kind, 'none', 'an expired session is gone');
  const ends = (await w.deps.store.transaction((tx) => tx.audit.entries(C))).filter((e) => e.action === 'user.logout');
  assert.deepEqual(ends.map((e) => e.outcome), ['timeout']);
});

test('however active, a user session ends after an hour', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const s = await startUserSession(w.deps, C, 'user01', undefined);
  for (let at = 0; at < USER_SESSION_MAX_MS; at += USER_IDLE_TIMEOUT_MS) {
    assert.equal((await resumeUserSession(w.deps, s.id, 'ip')).kind, 'active');
    w.advance(USER_IDLE_TIMEOUT_MS);
  }
  assert.equal((await resumeUserSession(w.deps, s.id, 'ip')).kind, 'active', 'an hour exactly');
  w.advance(1);
  assert.equal((await resumeUserSession(w.deps, s.id, 'ip')).kind, 'expired');
});

test('a new login ends the browser\'s previous session, and an admin session is no user session', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const first = await startUserSession(w.deps, C, 'user01', undefined);
  const second = await startUserSession(w.deps, C, 'user01', first.id);
  assert.equal((await resumeUserSession(w.deps, first.id, 'ip')).kind, 'none');
  assert.equal((await resumeUserSession(w.deps, second.id, 'ip')).kind, 'active');
  const admin = await startAdminSession(w.deps, C, undefined);
  assert.equal((await resumeUserSession(w.deps, admin.id, 'ip')).kind, 'none');
});

test('the session of a deleted user ends, and ログアウト ends a session at once', async (t) => {
  const w = await world();
  t.after(() => w.close());
  await w.user(C, 'user02');
  const s1 = await startUserSession(w.deps, C, 'user01', undefined);
  const s2 = await startUserSession(w.deps, C, 'user02', undefined);
  await w.deps.store.transaction((tx) => deleteUser(tx, WHO, w.deps.now(), C, 'user01'));
  assert.equal((await resumeUserSession(w.deps, s1.id, 'ip')).kind, 'none');
  await endUserSession(w.deps, WHO, s2.record);
  assert.equal((await resumeUserSession(w.deps, s2.id, 'ip')).kind, 'none');
});
