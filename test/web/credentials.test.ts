// The customer's 暗証番号変更 screens and the forced change after the bank's 暗証番号再発行, in-process, on
// SQLite and (when BIZOTP_TEST_POSTGRES_URL is set) PostgreSQL.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEMO } from '../../src/demo-data.ts';
import { resetCredential } from '../../src/domain/reset-credential.ts';
import { staffActor } from '../../src/domain/staff-actor.ts';
import { bothStores } from '../support/both-stores.ts';
import { setupUserApp, C, type UserApp } from '../user/fixture.ts';
import { userAgent } from '../user/agent.ts';
import { agent, type Agent } from './agent.ts';

const STAFF = staffActor('tanaka', '暗証番号失念の届出', 'test');
const NEW_PASSWORD = 'newKanri22';

for (const store of bothStores('web_credentials')) {
  describe(`暗証番号変更 on the screens (${store.name})`, () => {
    let u: UserApp;
    let admin: Agent;
    beforeEach(async () => {
      u = await setupUserApp(await store.url());
      admin = agent(u.app);
      await admin.login(C, DEMO.adminPassword);
    });
    afterEach(() => u.close());

    const contract = () => u.deps.store.transaction((tx) => tx.contracts.get(C));

    test('the 管理者メニュー leads to both change screens, each with the current value and the new one twice', async () => {
      const menu = await admin.get('/menu');
      assert.match(menu.body, /href="\/menu\/password"[\s\S]*ご契約先暗証番号変更/);
      assert.match(menu.body, /href="\/menu\/confirm-pin"[\s\S]*ご契約先確認暗証番号変更/);
      for (const path of ['/menu/password', '/menu/confirm-pin']) {
        const page = await admin.get(path);
        assert.equal(page.status, 200);
        for (const name of ['current', 'next', 'nextAgain']) assert.match(page.body, new RegExp(`name="${name}" type="password"`));
      }
    });

    test('changing the ご契約先暗証番号 ends the administrator’s other sessions, keeps this one, and shows the 完了 screen', async () => {
      const other = agent(u.app);
      await other.login(C, DEMO.adminPassword);
      await admin.get('/menu/password');
      const r = await admin.post('/menu/password', { current: DEMO.adminPassword, next: NEW_PASSWORD, nextAgain: NEW_PASSWORD });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/menu/password/done');
      const done = await admin.get('/menu/password/done');
      assert.match(done.body, /data-credential-changed/);
      assert.equal((await admin.get('/menu')).status, 200, 'this session goes on');
      assert.equal((await other.get('/menu')).location, '/login', 'the other session ended');
      assert.equal((await agent(u.app).login(C, NEW_PASSWORD)).location, '/menu');
      const audit = (await u.audit()).filter((e) => e.action === 'credential.change');
      assert.equal(audit.at(-1)?.outcome, 'changed');
    });

    test('errors are shown next to their fields and no typed secret is sent back', async () => {
      await admin.get('/menu/password');
      const mismatch = await admin.post('/menu/password', { current: DEMO.adminPassword, next: NEW_PASSWORD, nextAgain: 'other1234' });
      assert.equal(mismatch.status, 422);
      assert.deepEqual(mismatch.errors, { nextAgain: 'secret_mismatch' });
      const weak = await admin.post('/menu/password', { current: DEMO.adminPassword, next: 'abcdefgh', nextAgain: 'abcdefgh' });
      assert.deepEqual(weak.errors, { next: 'bad_format' });
      const same = await admin.post('/menu/password', { current: DEMO.adminPassword, next: DEMO.adminPassword, nextAgain: DEMO.adminPassword });
      assert.deepEqual(same.errors, { next: 'secret_unchanged' });
      for (const page of [mismatch, weak, same]) assert.ok(!page.body.includes(DEMO.adminPassword) && !page.body.includes(NEW_PASSWORD));
    });

    test('a wrong current ご契約先確認暗証番号 says how many tries remain and counts toward the confirm-PIN lock', async () => {
      await admin.get('/menu/confirm-pin');
      const r = await admin.post('/menu/confirm-pin', { current: 'wrong999', next: 'pin2new9', nextAgain: 'pin2new9' });
      assert.deepEqual(r.errors, { current: 'current_secret_wrong' });
      assert.match(r.body, /data-tries-left="4">あと4回誤るとロックされます。/);
      assert.equal((await contract())?.confirmPinFailures, 1);
      const ok = await admin.post('/menu/confirm-pin', { current: DEMO.confirmPin, next: 'pin2new9', nextAgain: 'pin2new9' });
      assert.equal(ok.location, '/menu/confirm-pin/done');
      assert.equal((await contract())?.confirmPinFailures, 0);
    });

    test('a wrong password at the administrator’s login says how many tries remain', async () => {
      const page = await agent(u.app).login(C, 'wrong999');
      assert.equal(page.errors._form, 'login_failed');
      assert.match(page.body, /data-tries-left="4"/);
    });

    test('after the bank resets the ご契約先暗証番号, the next login leads only to its change screen until it is changed', async () => {
      const reset = await resetCredential(u.deps, STAFF, { kind: 'admin_password', contractId: C });
      assert.ok(reset.ok);
      assert.equal((await admin.get('/menu')).location, '/login', 'the reset ended the session');
      const a = agent(u.app);
      assert.equal((await a.login(C, reset.initialValue)).location, '/menu');
      for (const path of ['/menu', '/users', '/otp/form', '/menu/confirm-pin']) assert.equal((await a.get(path)).location, '/menu/password', path);
      const forced = await a.get('/menu/password');
      assert.match(forced.body, /data-forced-change/);
      const r = await a.post('/menu/password', { current: reset.initialValue, next: NEW_PASSWORD, nextAgain: NEW_PASSWORD });
      assert.equal(r.location, '/menu/password/done');
      assert.equal((await a.get('/menu')).status, 200);
      assert.equal((await contract())?.adminPasswordMustChange, false);
    });

    test('after the bank resets the ご契約先確認暗証番号, the administrator must change it before any other screen', async () => {
      const reset = await resetCredential(u.deps, STAFF, { kind: 'confirm_pin', contractId: C });
      assert.ok(reset.ok);
      const a = agent(u.app);
      await a.login(C, DEMO.adminPassword);
      assert.equal((await a.get('/users')).location, '/menu/confirm-pin');
      await a.get('/menu/confirm-pin');
      const r = await a.post('/menu/confirm-pin', { current: reset.initialValue, next: 'pin2new9', nextAgain: 'pin2new9' });
      assert.equal(r.location, '/menu/confirm-pin/done');
      assert.equal((await a.get('/users')).status, 200);
    });

    test('a user changes both own 暗証番号 from the 利用者メニュー; a wrong current one says how many tries remain', async () => {
      const user = userAgent(u.app);
      await user.login('user01');
      const menu = await user.get('/user/menu');
      assert.match(menu.body, /href="\/user\/password"/);
      assert.match(menu.body, /href="\/user\/confirm-pin"/);
      await user.get('/user/password');
      const wrong = await user.post('/user/password', { current: 'wrong999', next: 'riyou777', nextAgain: 'riyou777' });
      assert.deepEqual(wrong.errors, { current: 'current_secret_wrong' });
      assert.match(wrong.body, /data-tries-left="4"/);
      assert.equal((await user.post('/user/password', { current: DEMO.userPassword, next: 'riyou777', nextAgain: 'riyou777' })).location, '/user/password/done');
      await user.get('/user/confirm-pin');
      assert.equal((await user.post('/user/confirm-pin', { current: DEMO.userConfirmPin, next: 'kakunin99', nextAgain: 'kakunin99' })).location, '/user/confirm-pin/done');
      assert.match((await user.get('/user/confirm-pin/done')).body, /data-credential-changed/);
      assert.equal((await userAgent(u.app).login('user01', 'riyou777')).location, '/user/menu');
    });

    test('a wrong ご契約先確認暗証番号 at registration or on 利用者情報選択 says how many tries remain', async () => {
      await admin.get('/otp/register/per-user');
      const reg = await admin.post('/otp/register/per-user', { loginId: 'user01', serial: '10000000000011', otp: '123456', confirmPin: 'wrong999' });
      assert.equal(reg.errors.confirmPin, 'pin_wrong');
      assert.match(reg.body, /id="f-confirmPin-tries" data-tries-left="4"/);
      await admin.get('/users/unlock?loginId=user01');
      const op = await admin.post('/users/unlock', { loginId: 'user01', confirmPin: 'wrong999' });
      assert.equal(op.errors.confirmPin, 'pin_wrong');
      assert.match(op.body, /id="f-confirmPin-tries" data-tries-left="3"/);
    });

    test('a wrong 利用者確認暗証番号 on a payment says how many tries remain', async () => {
      const user = userAgent(u.app);
      await user.login('user01');
      const draftId = await user.prepareTransfer();
      await user.get(`/user/payments/confirm?id=${draftId}`);
      const page = await user.post('/user/payments/execute', { draftId, userConfirmPin: 'wrong999' });
      assert.equal(page.errors.userConfirmPin, 'user_pin_wrong');
      assert.match(page.body, /id="f-userConfirmPin-tries" data-tries-left="4"/);
    });

    test('a wrong 利用者暗証番号 at login says how many tries remain', async () => {
      const page = await userAgent(u.app).login('user01', 'wrong999');
      assert.equal(page.errors._form, 'user_login_failed');
      assert.match(page.body, /data-tries-left="4"/);
    });

    test('after a reset 利用者暗証番号 the user goes straight to its change screen; after a reset 利用者確認暗証番号, before any payment', async () => {
      const pw = await resetCredential(u.deps, STAFF, { kind: 'user_password', contractId: C, loginId: 'user01' });
      assert.ok(pw.ok);
      const user = userAgent(u.app);
      await user.login('user01', pw.initialValue);
      assert.equal((await user.get('/user/menu')).location, '/user/password');
      await user.get('/user/password');
      await user.post('/user/password', { current: pw.initialValue, next: 'riyou777', nextAgain: 'riyou777' });
      assert.equal((await user.get('/user/menu')).status, 200);

      const pin = await resetCredential(u.deps, STAFF, { kind: 'user_confirm_pin', contractId: C, loginId: 'user01' });
      assert.ok(pin.ok);
      const again = userAgent(u.app);
      await again.login('user01', 'riyou777');
      for (const path of ['/user/transfer', '/user/payeasy', '/user/menu']) assert.equal((await again.get(path)).location, '/user/confirm-pin', path);
      await again.get('/user/confirm-pin');
      assert.equal((await again.post('/user/confirm-pin', { current: pin.initialValue, next: 'kakunin99', nextAgain: 'kakunin99' })).location, '/user/confirm-pin/done');
      assert.equal((await again.get('/user/transfer')).status, 200);
    });
  });
}
