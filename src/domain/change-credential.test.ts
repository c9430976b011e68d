import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { bothStores } from '../../test/support/both-stores.ts';
import { setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import { adminLogin } from './contracts.ts';
import { changeCredential } from './change-credential.ts';
import { checkConfirmPin } from './confirm-pin.ts';
import type { CredentialTarget } from './credential-target.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from './policy.ts';
import { userLogin } from './user-login.ts';
import { checkUserConfirmPin } from './user-confirm-pin.ts';

const C1 = '10000000001';
const ADMIN: CredentialTarget = { kind: 'admin_password', contractId: C1 };
const PIN: CredentialTarget = { kind: 'confirm_pin', contractId: C1 };
const USER_PW: CredentialTarget = { kind: 'user_password', contractId: C1, loginId: 'user01' };
const USER_PIN: CredentialTarget = { kind: 'user_confirm_pin', contractId: C1, loginId: 'user01' };

for (const store of bothStores('change_credential')) {
  describe(`changing one's own 暗証番号 (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await setupWorld(await store.url());
      await w.contract(C1);
      await w.user(C1, 'user01');
    });
    afterEach(() => w.close());

    const audits = async (action: string): Promise<{ outcome: string; detail: string }[]> =>
      (await w.deps.store.transaction((tx) => tx.audit.entries(C1))).filter((e) => e.action === action).map((e) => ({ outcome: e.outcome, detail: e.detail }));

    test('the administrator changes the ご契約先暗証番号: the new one logs in, the old one no longer does, and the change is audited', async () => {
      const r = await changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next: 'newPass22', nextAgain: 'newPass22' });
      assert.deepEqual(r, { ok: true, sessionsEnded: 0 });
      assert.equal((await adminLogin(w.deps, WHO, C1, 'newPass22')).ok, true);
      assert.equal((await adminLogin(w.deps, WHO, C1, 'kanri001')).ok, false);
      const changed = await audits('credential.change');
      assert.equal(changed.at(-1)?.outcome, 'changed');
      assert.doesNotMatch(JSON.stringify(changed), /newPass22|kanri001/, 'no secret in the audit log');
    });

    test('the ご契約先確認暗証番号, the 利用者暗証番号 and the 利用者確認暗証番号 are changed the same way', async () => {
      assert.equal((await changeCredential(w.deps, WHO, PIN, { current: 'kakunin01', next: 'pin2new9', nextAgain: 'pin2new9' })).ok, true);
      assert.equal((await checkConfirmPin(w.deps, WHO, C1, 'pin2new9', 'test')).ok, true);
      assert.equal((await changeCredential(w.deps, WHO, USER_PW, { current: 'riyou001', next: 'riyou777', nextAgain: 'riyou777' })).ok, true);
      assert.equal((await userLogin(w.deps, WHO, C1, 'user01', 'riyou777')).ok, true);
      assert.equal((await changeCredential(w.deps, WHO, USER_PIN, { current: 'kakunin02', next: 'kakunin99', nextAgain: 'kakunin99' })).ok, true);
      assert.equal((await checkUserConfirmPin(w.deps, WHO, C1, 'user01', 'kakunin99', 'test')).ok, true);
    });

    test('a new value typed differently the second time, or equal to the current one, is refused before anything is checked or counted', async () => {
      assert.deepEqual(await changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next: 'newPass22', nextAgain: 'newPass23' }), { ok: false, code: 'secret_mismatch', field: 'nextAgain' });
      assert.deepEqual(await changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next: 'kanri001', nextAgain: 'kanri001' }), { ok: false, code: 'secret_unchanged', field: 'next' });
      assert.equal((await w.deps.store.transaction((tx) => tx.contracts.get(C1)))?.adminLoginFailures, 0);
    });

    test('a wrong current ご契約先暗証番号 counts toward the admin login lock and says how many tries remain; the last one locks the login', async () => {
      for (let i = 1; i < MAX_LOGIN_FAILURES; i++) {
        const r = await changeCredential(w.deps, WHO, ADMIN, { current: 'wrong999', next: 'newPass22', nextAgain: 'newPass22' });
        assert.deepEqual(r, { ok: false, code: 'current_secret_wrong', field: 'current', triesLeft: MAX_LOGIN_FAILURES - i });
      }
      assert.deepEqual(await changeCredential(w.deps, WHO, ADMIN, { current: 'wrong999', next: 'newPass22', nextAgain: 'newPass22' }), { ok: false, code: 'login_locked', field: 'current' });
      assert.deepEqual(await adminLogin(w.deps, WHO, C1, 'kanri001'), { ok: false, code: 'login_locked' }, 'the right password is refused while locked');
      assert.deepEqual(await changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next: 'newPass22', nextAgain: 'newPass22' }), { ok: false, code: 'login_locked', field: 'current' });
      assert.equal((await audits('credential.change')).filter((e) => e.outcome === 'current_secret_wrong').length, MAX_LOGIN_FAILURES);
    });

    test('a wrong current ご契約先確認暗証番号 counts toward the confirm-PIN lock, which operations then share', async () => {
      for (let i = 1; i < MAX_CONFIRM_PIN_FAILURES; i++) await changeCredential(w.deps, WHO, PIN, { current: 'wrong999', next: 'pin2new9', nextAgain: 'pin2new9' });
      assert.deepEqual(await checkConfirmPin(w.deps, WHO, C1, 'wrong999', 'test'), { ok: false, code: 'pin_wrong', field: 'confirmPin' });
      assert.deepEqual(await checkConfirmPin(w.deps, WHO, C1, 'kakunin01', 'test'), { ok: false, code: 'pin_locked', field: 'confirmPin' });
    });

    test('a wrong current 利用者暗証番号 and 利用者確認暗証番号 count toward the user login lock and the user PIN lock', async () => {
      const pw = await changeCredential(w.deps, WHO, USER_PW, { current: 'wrong999', next: 'riyou777', nextAgain: 'riyou777' });
      assert.deepEqual(pw, { ok: false, code: 'current_secret_wrong', field: 'current', triesLeft: MAX_LOGIN_FAILURES - 1 });
      const login = await userLogin(w.deps, WHO, C1, 'user01', 'wrong999');
      assert.deepEqual(login, { ok: false, code: 'user_login_failed', triesLeft: MAX_LOGIN_FAILURES - 2 }, 'one lock, counted by both');
      const pin = await changeCredential(w.deps, WHO, USER_PIN, { current: 'wrong999', next: 'kakunin99', nextAgain: 'kakunin99' });
      assert.equal(!pin.ok && pin.triesLeft, 4);
      assert.equal(await w.deps.store.transaction((tx) => tx.userPins.failures(C1, 'user01')), 1);
    });

    test('a new password ends the other sessions of the person but not the one it was changed from', async () => {
      const now = w.deps.now();
      await w.deps.store.transaction(async (tx) => {
        for (const [idHash, loginId] of [['here', null], ['there', null], ['user', 'user01']] as const) {
          await tx.sessions.insert({ idHash, contractId: C1, loginId, csrfToken: 'x', createdAtMs: now, lastSeenAtMs: now, data: '{}' });
        }
      });
      const r = await changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next: 'newPass22', nextAgain: 'newPass22' }, 'here');
      assert.deepEqual(r, { ok: true, sessionsEnded: 1 });
      const left = await w.deps.store.transaction(async (tx) => {
        const found: boolean[] = [];
        for (const id of ['here', 'there', 'user']) found.push((await tx.sessions.get(id)) !== undefined);
        return found;
      });
      assert.deepEqual(left, [true, false, true]);
    });

    test('two changes from the same current value at once: exactly one succeeds', async () => {
      const results = await Promise.all(['newPass22', 'newPass33'].map((next) => changeCredential(w.deps, WHO, ADMIN, { current: 'kanri001', next, nextAgain: next })));
      assert.equal(results.filter((r) => r.ok).length, 1);
    });
  });
}
