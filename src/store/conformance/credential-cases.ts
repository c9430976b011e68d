// setSecret on contracts and users (the customer's 暗証番号変更 and the bank's 暗証番号再発行) and ending one
// person's sessions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionRecord } from '../../domain/store-ports.ts';
import { aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const NEW_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$bmV3';

function aSession(idHash: string, contractId: string, loginId: string | null): SessionRecord {
  return { idHash, contractId, loginId, csrfToken: 'csrf', createdAtMs: T0_MS, lastSeenAtMs: T0_MS, data: '{}' };
}

export function credentialCases(open: OpenStore): void {
  test('a contract secret is replaced with its must-change flag, and only over the expected hash when one is given', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const before = await s.tx((tx) => tx.contracts.get(CONTRACT_ID));
    assert.deepEqual([before?.adminPasswordMustChange, before?.confirmPinMustChange], [false, false]);
    assert.equal(await s.tx((tx) => tx.contracts.setSecret(CONTRACT_ID, 'confirm_pin', NEW_HASH, true)), true);
    const reset = await s.tx((tx) => tx.contracts.get(CONTRACT_ID));
    assert.deepEqual([reset?.confirmPinHash, reset?.confirmPinMustChange, reset?.adminPasswordMustChange], [NEW_HASH, true, false]);
    assert.equal(await s.tx((tx) => tx.contracts.setSecret(CONTRACT_ID, 'confirm_pin', 'other', false, 'not-the-stored-hash')), false, 'a stale expected hash changes nothing');
    assert.equal(await s.tx((tx) => tx.contracts.setSecret(CONTRACT_ID, 'confirm_pin', 'other', false, NEW_HASH)), true);
    assert.deepEqual(await s.tx(async (tx) => { const c = await tx.contracts.get(CONTRACT_ID); return [c?.confirmPinHash, c?.confirmPinMustChange]; }), ['other', false]);
    assert.equal(await s.tx((tx) => tx.contracts.setSecret(OTHER_CONTRACT_ID, 'admin_password', NEW_HASH, true)), false);
  });

  test('a user secret is replaced with its must-change flag; the other secret and other users are untouched', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx(async (tx) => {
      await tx.users.insert(aUser('user01'));
      await tx.users.insert(aUser('user02'));
    });
    assert.equal(await s.tx((tx) => tx.users.setSecret(CONTRACT_ID, 'user01', 'password', NEW_HASH, true)), true);
    const [u1, u2] = await s.tx(async (tx) => [await tx.users.get(CONTRACT_ID, 'user01'), await tx.users.get(CONTRACT_ID, 'user02')]);
    assert.deepEqual([u1?.passwordHash, u1?.passwordMustChange, u1?.confirmPinMustChange], [NEW_HASH, true, false]);
    assert.deepEqual([u2?.passwordMustChange, u2?.passwordHash === aUser('user02').passwordHash], [false, true]);
    assert.equal(await s.tx((tx) => tx.users.setSecret(CONTRACT_ID, 'user01', 'confirm_pin', NEW_HASH, false, 'stale')), false);
    assert.equal(await s.tx((tx) => tx.users.setSecret(CONTRACT_ID, 'nobody', 'password', NEW_HASH, false)), false);
  });

  test("deleteForPerson ends one person's sessions, the administrator's or a user's, except the one named", async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.tx(async (tx) => {
      for (const x of [aSession('a1', CONTRACT_ID, null), aSession('a2', CONTRACT_ID, null), aSession('u1', CONTRACT_ID, 'user01'), aSession('o1', OTHER_CONTRACT_ID, null)]) await tx.sessions.insert(x);
    });
    assert.equal(await s.tx((tx) => tx.sessions.deleteForPerson(CONTRACT_ID, null, 'a1')), 1);
    const left = await s.tx(async (tx) => {
      const found: boolean[] = [];
      for (const id of ['a1', 'a2', 'u1', 'o1']) found.push((await tx.sessions.get(id)) !== undefined);
      return found;
    });
    assert.deepEqual(left, [true, false, true, true]);
    assert.equal(await s.tx((tx) => tx.sessions.deleteForPerson(CONTRACT_ID, 'user01')), 1);
    assert.equal(await s.tx((tx) => tx.sessions.get('u1')), undefined);
  });
}
