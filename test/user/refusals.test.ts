// What the users' screens refuse, and how they say it: no token once OTP use has begun (on every money-moving
// route, direct POSTs included), no permission, locks and their 「利用中止解除」, and bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CONSECUTIVE_OTP_FAILURES, MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { unlockUserLogin, updateUser } from '../../src/domain/users.ts';
import { TRANSFER, userAgent } from './agent.ts';
import { C, SERIAL, setupUserApp } from './fixture.ts';

test('after OTP use began, a user without a token is refused with the reason and the remedy on every money-moving route', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.login('user02');
  const before = await u.prepareTransfer(); // made while the 利用者確認暗証番号 still authorised
  await f.register('user01', SERIAL.hw1); // OTP use begins (per-user form); user02 has no token
  const menu = await u.get('/user/menu');
  assert.equal(menu.errors._page, 'not_registered');
  assert.match(menu.body, /管理者にトークンの利用登録を依頼してください/);
  for (const path of ['/user/transfer', '/user/payeasy']) {
    const page = await u.get(path);
    assert.deepEqual([page.status, page.errors._page], [403, 'not_registered'], path);
  }
  const direct = await u.post('/user/transfer', { accountId: String(f.accountId), ...TRANSFER });
  assert.deepEqual([direct.status, direct.errors._page], [403, 'not_registered']);
  assert.equal((await u.get(`/user/payments/confirm?id=${before}`)).errors._page, 'not_registered');
  const proofs: Record<string, string>[] = [{ otp: await f.otp(SERIAL.hw1) }, { userConfirmPin: 'kakunin02' }];
  for (const proof of proofs) {
    const executed = await u.post('/user/payments/execute', { draftId: before, ...proof });
    assert.deepEqual([executed.status, executed.errors._page], [403, 'not_registered']);
  }
  assert.equal((await f.history()).length, 0);
  assert.ok((await f.audit()).filter((e) => e.target === 'user02' && e.outcome === 'not_registered').length >= 3);
});

test('the shared form lets every user pay with the contract\'s token', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register(null, SERIAL.sw);
  for (const login of ['user01', 'user07', 'user12']) {
    const u = userAgent(f.app);
    await u.login(login);
    const paid = await u.post('/user/payments/execute', { draftId: await u.prepareTransfer({ amount: '100' }), otp: await f.otp(SERIAL.sw) });
    assert.equal(paid.status, 303, login);
    f.clock.advance(30_000);
  }
  assert.deepEqual((await f.history()).map((e) => e.loginId), ['user12', 'user07', 'user01']);
});

test(`${MAX_CONSECUTIVE_OTP_FAILURES} wrong OTPs lock the token; the admin's 「利用中止解除」 on 利用者情報選択 lifts it`, async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
    assert.equal((await u.post('/user/payments/execute', { draftId, otp: await f.wrongOtp(SERIAL.hw1) })).errors.otp, 'otp_invalid');
  }
  assert.equal((await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) })).errors.otp, 'token_locked');
  assert.equal((await u.get('/user/menu')).body.includes('data-error-code="token_locked"'), true);

  const admin = userAgent(f.app);
  await admin.get('/login');
  await admin.post('/login', { contractId: C, password: 'kanri001' });
  await admin.get('/users/unlock?loginId=user01');
  assert.equal((await admin.post('/users/unlock', { loginId: 'user01', confirmPin: 'kakunin01' })).status, 303);

  assert.equal((await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) })).status, 303);
  assert.equal((await f.history()).length, 1);
});

test(`${MAX_LOGIN_FAILURES} wrong 利用者暗証番号 lock the user's login until the admin lifts it`, async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
    assert.equal((await u.login('user03', 'wrong001')).errors._form, 'user_login_failed');
    f.clock.advance(10_000); // past the progressive delay (test/login-delay.test.ts), so each guess is checked
  }
  assert.equal((await u.login('user03')).errors._form, 'user_login_locked');
  await f.deps.store.transaction((tx) => unlockUserLogin(tx, { actor: 'admin:test', ip: 'test' }, f.clock.nowMs, C, 'user03'));
  assert.equal((await u.login('user03')).location, '/user/menu');
});

test('the menu shows only what the user\'s permissions allow, and a forbidden kind of payment is refused', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.deps.store.transaction((tx) => updateUser(tx, { actor: 'admin:test', ip: 'test' }, f.clock.nowMs, C, 'user04', { canPayTax: false }));
  const u = userAgent(f.app);
  await u.login('user04');
  const menu = await u.get('/user/menu');
  assert.match(menu.body, /href="\/user\/transfer"/);
  assert.doesNotMatch(menu.body, /href="\/user\/payeasy"/);
  assert.deepEqual([(await u.get('/user/payeasy')).status, (await u.get('/user/payeasy')).errors._page], [403, 'not_permitted']);
  const direct = await u.post('/user/payeasy', { accountId: String(f.accountId), billerNumber: '12345', customerNumber: '1', confirmationNumber: '1', amount: '1' });
  assert.equal(direct.errors._page, 'not_permitted');
});

test('a payee name in full-width kana is refused next to its field with its own message, and the input is kept', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.login('user01');
  await u.get('/user/transfer');
  const page = await u.post('/user/transfer', { accountId: String(f.accountId), ...TRANSFER, payeeName: 'ヤマダ タロウ', amount: '１０００' });
  assert.equal(page.status, 422);
  assert.deepEqual([page.errors.payeeName, page.errors.amount], ['payee_name_full_width', 'not_half_width']);
  assert.match(page.body, /value="ヤマダ タロウ"/);
  const over = await u.post('/user/transfer', { accountId: String(f.accountId), ...TRANSFER, amount: '3000001' });
  assert.equal(over.errors.amount, 'over_payment_limit');
});
