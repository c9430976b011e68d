import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import type { SessionRecord } from './store-ports.ts';
import { deleteUser, updateUser } from './users.ts';

const C = '10000000001';
let w: World;
beforeEach(async () => {
  w = await setupWorld();
  await w.contract(C);
  await w.user(C, 'user01');
  await w.user(C, 'user02');
});
afterEach(() => w.close());

const session = (idHash: string, loginId: string): SessionRecord => ({ idHash, contractId: C, loginId, csrfToken: 'x', createdAtMs: w.deps.now(), lastSeenAtMs: w.deps.now(), data: '{}' });
const sessionsLeft = (): Promise<(string | undefined)[]> =>
  w.deps.store.transaction(async (tx) => [(await tx.sessions.get('s1'))?.idHash, (await tx.sessions.get('s2'))?.idHash]);

async function openSessions(): Promise<void> {
  await w.deps.store.transaction(async (tx) => {
    await tx.sessions.insert(session('s1', 'user01'));
    await tx.sessions.insert(session('s2', 'user02'));
  });
}

test('登録抹消 of a user ends the user’s sessions, so a user ID created again cannot inherit them', async () => {
  await openSessions();
  const r = await w.deps.store.transaction((tx) => deleteUser(tx, WHO, w.deps.now(), C, 'user01'));
  assert.equal(r.ok, true);
  assert.deepEqual(await sessionsLeft(), [undefined, 's2']);
});

test('a new password ends the user’s sessions; a new name does not', async () => {
  await openSessions();
  await w.deps.store.transaction((tx) => updateUser(tx, WHO, w.deps.now(), C, 'user01', { name: '新しい名前' }));
  assert.deepEqual(await sessionsLeft(), ['s1', 's2']);
  await w.deps.store.transaction((tx) => updateUser(tx, WHO, w.deps.now(), C, 'user01', { passwordHash: '$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA' }));
  assert.deepEqual(await sessionsLeft(), [undefined, 's2']);
});
