import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { bothStores } from '../../test/support/both-stores.ts';
import { setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import { adminLogin } from './contracts.ts';
import { changeCredential } from './change-credential.ts';
import { checkConfirmPin } from './confirm-pin.ts';
import { generateInitialSecret, INITIAL_SECRET_LENGTH } from './initial-secret.ts';
import { parseSecret } from './inputs.ts';
import { MAX_LOGIN_FAILURES } from './policy.ts';
import { resetCredential } from './reset-credential.ts';
import { staffActor } from './staff-actor.ts';
import { userLogin } from './user-login.ts';

const C1 = '10000000001';
const STAFF = staffActor('suzuki', '管理者より暗証番号失念の届出', '10.0.0.5');

describe('the one-time initial value', () => {
  test('always meets the 暗証番号 rules, is 10 characters long and has no look-alike characters', () => {
    for (let i = 0; i < 500; i++) {
      const v = generateInitialSecret(randomBytes);
      assert.equal(v.length, INITIAL_SECRET_LENGTH);
      assert.equal(parseSecret(v, 'x').ok, true, v);
      assert.doesNotMatch(v, /[01OoIl]/);
    }
  });
});

for (const store of bothStores('reset_credential')) {
  describe(`the bank's 暗証番号再発行 (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await setupWorld(await store.url());
      await w.contract(C1);
      await w.user(C1, 'user01');
    });
    afterEach(() => w.close());

    test('resetting the ご契約先暗証番号 returns a value that logs in, lifts the login lock, ends the admin sessions and marks it must-change', async () => {
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await adminLogin(w.deps, WHO, C1, 'wrong999');
      const now = w.deps.now();
      await w.deps.store.transaction((tx) => tx.sessions.insert({ idHash: 'old', contractId: C1, loginId: null, csrfToken: 'x', createdAtMs: now, lastSeenAtMs: now, data: '{}' }));
      const r = await resetCredential(w.deps, STAFF, { kind: 'admin_password', contractId: C1 });
      assert.ok(r.ok);
      const contract = await w.deps.store.transaction((tx) => tx.contracts.get(C1));
      assert.deepEqual([contract?.adminPasswordMustChange, contract?.adminLoginFailures, contract?.confirmPinMustChange], [true, 0, false]);
      assert.equal(await w.deps.store.transaction((tx) => tx.sessions.get('old')), undefined);
      assert.equal((await adminLogin(w.deps, WHO, C1, r.initialValue)).ok, true);
      assert.equal((await adminLogin(w.deps, WHO, C1, 'kanri001')).ok, false);
    });

    test('the audit entry names the staff member and the reason, and never holds the value', async () => {
      const r = await resetCredential(w.deps, STAFF, { kind: 'user_password', contractId: C1, loginId: 'user01' });
      assert.ok(r.ok);
      const entries = await w.deps.store.transaction((tx) => tx.audit.entries(C1));
      const reset = entries.find((e) => e.action === 'credential.reset');
      assert.equal(reset?.actor, 'staff:suzuki');
      assert.equal(reset?.target, 'user01');
      assert.deepEqual(JSON.parse(reset?.detail ?? '{}'), { reason: '管理者より暗証番号失念の届出', secret: 'user_password', sessionsEnded: 0 });
      assert.ok(!JSON.stringify(entries).includes(r.initialValue));
    });

    test('a reset ご契約先確認暗証番号 confirms no operation until it is changed, and after the change it does again', async () => {
      const r = await resetCredential(w.deps, STAFF, { kind: 'confirm_pin', contractId: C1 });
      assert.ok(r.ok);
      assert.deepEqual(await checkConfirmPin(w.deps, WHO, C1, r.initialValue, 'test'), { ok: false, code: 'pin_must_change', field: 'confirmPin' });
      assert.equal((await changeCredential(w.deps, WHO, { kind: 'confirm_pin', contractId: C1 }, { current: r.initialValue, next: 'pin2new9', nextAgain: 'pin2new9' })).ok, true);
      assert.equal((await w.deps.store.transaction((tx) => tx.contracts.get(C1)))?.confirmPinMustChange, false);
      assert.equal((await checkConfirmPin(w.deps, WHO, C1, 'pin2new9', 'test')).ok, true);
    });

    test("resetting a user's 利用者確認暗証番号 lifts its lock and marks only that secret must-change", async () => {
      for (let i = 0; i < 5; i++) await w.deps.store.transaction((tx) => tx.userPins.beginAttempt(C1, 'user01', 5));
      const r = await resetCredential(w.deps, STAFF, { kind: 'user_confirm_pin', contractId: C1, loginId: 'user01' });
      assert.ok(r.ok);
      const [user, failures] = await w.deps.store.transaction(async (tx) => [await tx.users.get(C1, 'user01'), await tx.userPins.failures(C1, 'user01')] as const);
      assert.deepEqual([user?.confirmPinMustChange, user?.passwordMustChange, failures], [true, false, 0]);
      assert.equal((await userLogin(w.deps, WHO, C1, 'user01', 'riyou001')).ok, true, 'the password is untouched');
    });

    test('an unknown contract or user is refused and nothing is audited on its behalf', async () => {
      assert.deepEqual(await resetCredential(w.deps, STAFF, { kind: 'confirm_pin', contractId: '19999999999' }), { ok: false, code: 'contract_not_found', field: 'contractId' });
      assert.deepEqual(await resetCredential(w.deps, STAFF, { kind: 'user_password', contractId: C1, loginId: 'nobody' }), { ok: false, code: 'user_not_found', field: 'loginId' });
      const entries = await w.deps.store.transaction((tx) => tx.audit.entries(C1));
      assert.equal(entries.filter((e) => e.action === 'credential.reset').length, 0);
    });
  });
}
