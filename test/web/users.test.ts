// 「利用者情報選択」 and its operations in-process: 新規登録, 変更, 登録抹消, 利用中止解除, 登録解除, each confirmed
// with the ご契約先確認暗証番号 and audited.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { verifySecret } from '../../src/domain/password-hash.ts';
import { MAX_LOGIN_FAILURES, MAX_USERS_PER_CONTRACT } from '../../src/domain/policy.ts';
import { agent, type Agent } from './agent.ts';
import { A, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let admin: Agent;
beforeEach(async () => {
  f = await setup();
  admin = agent(f.createApp());
  await admin.login(A.contractId, A.adminPassword);
  await admin.get('/users');
});
afterEach(async () => {
  await f.close();
});

const user = (loginId: string) => f.deps.store.transaction((tx) => tx.users.get(A.contractId, loginId));
const lastAudit = async (action: string) => (await f.audit(A.contractId)).filter((e) => e.action === action).at(-1);
const NEW_USER = { loginId: 'user13', name: '経理 花子', userPassword: 'abc12345', userConfirmPin: 'pin98765', canTransfer: '1', confirmPin: A.confirmPin };

describe('利用者情報選択', () => {
  it('lists every user with token, token state and login state, and no user’s secret', async () => {
    const page = await admin.get('/users');
    assert.equal(page.status, 200);
    assert.equal([...page.body.matchAll(/<tr data-login-id=/g)].length, 12);
    assert.match(page.body, /data-login-id="user12"[\s\S]*?data-col="serial">-<\/td>[\s\S]*?status-none/);
    assert.doesNotMatch(page.body, /argon2/);
  });

  it('asks to select a user when 変更, 登録抹消, 利用中止解除 or 登録解除 is pressed without one', async () => {
    for (const op of ['edit', 'delete', 'unlock', 'unregister']) {
      const page = await admin.get(`/users/${op}`);
      assert.equal(page.status, 422);
      assert.deepEqual(page.errors, { loginId: 'user_not_selected' }, op);
    }
  });

  it('says there is nothing to unlock or unregister for a user with no lock and no token', async () => {
    assert.deepEqual((await admin.get('/users/unlock?loginId=user01')).errors, { loginId: 'not_locked' });
    assert.deepEqual((await admin.get('/users/unregister?loginId=user01')).errors, { loginId: 'user_has_no_token' });
  });
});

describe('新規登録', () => {
  it('creates the user with hashed secrets and the chosen permissions, and audits it', async () => {
    await admin.get('/users/new');
    const done = await admin.post('/users/new', NEW_USER);
    assert.equal(done.location, '/users?done=created&loginId=user13');
    const created = await user('user13');
    assert.equal(created?.name, '経理 花子');
    assert.equal(created?.canTransfer, true);
    assert.equal(created?.canPayTax, false);
    assert.ok(await verifySecret('abc12345', created?.passwordHash ?? ''));
    assert.ok(await verifySecret('pin98765', created?.confirmPinHash ?? ''));
    assert.equal((await lastAudit('user.create'))?.target, 'user13');
    assert.match((await admin.get(done.location ?? '')).body, /経理 花子の新規登録が完了しました/);
  });

  it('keeps what was typed, except secrets, and names each wrong field', async () => {
    await admin.get('/users/new');
    const page = await admin.post('/users/new', { loginId: 'ｕｓｅｒ', name: '', userPassword: 'abcdef', userConfirmPin: '1234567890123', confirmPin: '' });
    assert.deepEqual(page.errors, { loginId: 'not_half_width', name: 'required', userPassword: 'bad_format', userConfirmPin: 'too_long', confirmPin: 'required' });
    assert.match(page.body, /name="loginId" type="text" value="ｕｓｅｒ"/);
    assert.doesNotMatch(page.body, /abcdef/);
  });

  it('refuses an existing 利用者ID and a wrong PIN', async () => {
    await admin.get('/users/new');
    assert.deepEqual((await admin.post('/users/new', { ...NEW_USER, loginId: 'user01' })).errors, { loginId: 'user_exists' });
    assert.deepEqual((await admin.post('/users/new', { ...NEW_USER, confirmPin: 'wrong123' })).errors, { confirmPin: 'pin_wrong' });
    assert.equal(await user('user13'), undefined);
    assert.equal((await lastAudit('user.create'))?.outcome, 'pin_wrong');
  });

  it(`refuses a user beyond ${MAX_USERS_PER_CONTRACT}`, async () => {
    await f.close();
    f = await setup({ users: MAX_USERS_PER_CONTRACT });
    admin = agent(f.createApp());
    await admin.login(A.contractId, A.adminPassword);
    await admin.get('/users/new');
    assert.deepEqual((await admin.post('/users/new', { ...NEW_USER, loginId: 'user100' })).errors, { loginId: 'user_limit' });
  });
});

describe('変更', () => {
  it('changes the name and permissions, leaves secrets left empty as they were, and audits it', async () => {
    const before = await user('user02');
    const form = await admin.get('/users/edit?loginId=user02');
    assert.match(form.body, /value="利用者2"/);
    const done = await admin.post('/users/edit', { loginId: 'user02', name: '営業 太郎', userPassword: '', userConfirmPin: '', canPayTax: '1', confirmPin: A.confirmPin });
    assert.equal(done.location, '/users?done=updated&loginId=user02');
    const after = await user('user02');
    assert.equal(after?.name, '営業 太郎');
    assert.equal(after?.canTransfer, false);
    assert.equal(after?.passwordHash, before?.passwordHash);
    assert.deepEqual(JSON.parse((await lastAudit('user.update'))?.detail ?? '{}'), { name: true, canTransfer: false, canPayTax: true, password: false, confirmPin: false });
  });

  it('sets a new 利用者暗証番号 when one is typed, and checks its form', async () => {
    await admin.get('/users/edit?loginId=user02');
    assert.deepEqual((await admin.post('/users/edit', { loginId: 'user02', name: '利用者2', userPassword: 'short', confirmPin: A.confirmPin })).errors, { userPassword: 'too_short' });
    await admin.post('/users/edit', { loginId: 'user02', name: '利用者2', userPassword: 'newpass99', canTransfer: '1', canPayTax: '1', confirmPin: A.confirmPin });
    assert.ok(await verifySecret('newpass99', (await user('user02'))?.passwordHash ?? ''));
  });
});

describe('登録抹消, 利用中止解除, 登録解除', () => {
  it('登録抹消 removes the user and ends its registration, keeping the history', async () => {
    await admin.get('/otp/register/per-user');
    await admin.post('/otp/register/per-user', { loginId: 'user04', serial: A.serials[0], otp: await f.otp(A.serials[0]), confirmPin: A.confirmPin });
    const confirm = await admin.get('/users/delete?loginId=user04');
    assert.match(confirm.body, new RegExp(A.serials[0]));
    assert.equal((await admin.post('/users/delete', { loginId: 'user04', confirmPin: A.confirmPin })).location, '/users?done=deleted&loginId=user04');
    assert.equal(await user('user04'), undefined);
    assert.equal((await f.token(A.serials[0])).status, 'issued');
    assert.equal((await lastAudit('user.delete'))?.target, 'user04');
    assert.equal((await f.deps.store.transaction((tx) => tx.registrations.history(A.contractId))).length, 1);
  });

  it('登録抹消 with a wrong PIN stays on the confirmation screen and deletes nothing', async () => {
    await admin.get('/users/delete?loginId=user04');
    const page = await admin.post('/users/delete', { loginId: 'user04', confirmPin: 'wrong123' });
    assert.deepEqual(page.errors, { confirmPin: 'pin_wrong' });
    assert.ok(await user('user04'));
    assert.equal((await lastAudit('user.delete'))?.outcome, 'pin_wrong');
  });

  it('利用中止解除 lifts a user’s login lock', async () => {
    await f.deps.store.transaction(async (tx) => {
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.users.beginLoginAttempt(A.contractId, 'user06', MAX_LOGIN_FAILURES);
    });
    assert.match((await admin.get('/users')).body, /data-login-id="user06"[\s\S]*?data-col="login-state"><span class="status status-locked">/);
    await admin.get('/users/unlock?loginId=user06');
    assert.equal((await admin.post('/users/unlock', { loginId: 'user06', confirmPin: A.confirmPin })).location, '/users?done=unlocked&loginId=user06');
    assert.equal((await user('user06'))?.loginFailures, 0);
    assert.equal((await lastAudit('user.unlock'))?.target, 'user06');
    assert.deepEqual((await admin.post('/users/unlock', { loginId: 'user06', confirmPin: A.confirmPin })).errors, { loginId: 'not_locked' });
  });

  it('登録解除 ends one user’s registration under the per-user form', async () => {
    await admin.get('/otp/register/per-user');
    await admin.post('/otp/register/per-user', { loginId: 'user07', serial: A.serials[4], otp: await f.otp(A.serials[4]), confirmPin: A.confirmPin });
    await admin.get('/users/unregister?loginId=user07');
    assert.equal((await admin.post('/users/unregister', { loginId: 'user07', confirmPin: A.confirmPin })).location, '/users?done=unregistered&loginId=user07');
    assert.equal((await f.deps.store.transaction((tx) => tx.registrations.active(A.contractId))).length, 0);
    assert.equal((await lastAudit('token.unregister'))?.target, 'user07');
    assert.deepEqual((await admin.post('/users/unregister', { loginId: 'user07', confirmPin: A.confirmPin })).errors, { loginId: 'user_has_no_token' });
  });

  it('登録解除 under the shared form warns that it ends the contract’s one token for everyone, then does so', async () => {
    await admin.get('/otp/register/shared');
    await admin.post('/otp/register/shared', { serial: A.serials[1], otp: await f.otp(A.serials[1]), confirmPin: A.confirmPin });
    const confirm = await admin.get('/users/unregister?loginId=user01');
    assert.match(confirm.body, /class="warning"/);
    await admin.post('/users/unregister', { loginId: 'user01', confirmPin: A.confirmPin });
    assert.equal((await f.deps.store.transaction((tx) => tx.registrations.active(A.contractId))).length, 0);
    assert.equal((await lastAudit('token.unregister'))?.target, 'shared');
  });
});
