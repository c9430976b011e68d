// The users' screens, in-process: login, the two kinds of payment through 入力 → 確認 → 実行 → 完了, and what
// the screens refuse. Each test starts from the demo data (product.md §7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userAgent } from './agent.ts';
import { C, SERIAL, setupUserApp } from './fixture.ts';

test('a registered user makes a transfer with an OTP: the balance and the history change once, and a receipt number is shown', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  assert.equal((await u.login('user01')).location, '/user/menu');
  const draftId = await u.prepareTransfer();
  const confirm = await u.get(`/user/payments/confirm?id=${draftId}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /ﾔﾏﾀﾞ ﾀﾛｳ/);
  assert.match(confirm.body, /12,345円/);
  assert.match(confirm.body, /name="otp"/);
  const done = await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) });
  assert.equal(done.location, `/user/payments/receipt?id=${draftId}`);
  const receipt = await u.get(done.location ?? '');
  assert.match(receipt.body, /data-testid="receipt-no">20261124-\d{8}</);
  assert.equal(await f.balance(), 10_000_000n - 12_345n);
  assert.equal((await f.history()).length, 1);
  const menu = await u.get('/user/menu');
  assert.match(menu.body, /9,987,655円/);
  assert.equal([...menu.body.matchAll(/data-testid="history-row"/g)].length, 1);
});

test('a Pay-easy payment goes through the same steps and debits once', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user02', SERIAL.hw3); // SHA-256, 8 digits
  const u = userAgent(f.app);
  await u.login('user02');
  const draftId = await u.preparePayEasy();
  const done = await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw3) });
  assert.equal(done.status, 303);
  const receipt = await u.get(`/user/payments/receipt?id=${draftId}`);
  assert.match(receipt.body, /税金・各種料金の払込み（完了）/);
  assert.match(receipt.body, /12345/);
  assert.equal(await f.balance(), 10_000_000n - 54_321n);
});

test('submitting 実行 twice (a reload, a second tab) shows the same receipt and debits once', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  const code = await f.otp(SERIAL.hw1);
  const first = await u.post('/user/payments/execute', { draftId, otp: code });
  const second = await u.post('/user/payments/execute', { draftId, otp: code });
  assert.deepEqual([first.location, second.location], [`/user/payments/receipt?id=${draftId}`, `/user/payments/receipt?id=${draftId}`]);
  assert.equal((await f.history()).length, 1);
});

test('the same OTP is refused for a second payment, next to the OTP field, and nothing is debited for it', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const code = await f.otp(SERIAL.hw1);
  await u.post('/user/payments/execute', { draftId: await u.prepareTransfer(), otp: code });
  const second = await u.prepareTransfer({ amount: '1000' });
  const refused = await u.post('/user/payments/execute', { draftId: second, otp: code });
  assert.equal(refused.status, 422);
  assert.equal(refused.errors.otp, 'otp_replayed');
  assert.equal((await f.history()).length, 1);
});

test('a tampered 実行 cannot change what the OTP authorises: only the draft\'s amount and payee are paid', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer({ amount: '1000' });
  await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1), amount: '2999999', accountNumber: '0000001', payeeName: 'ｱｸﾆﾝ' });
  const [entry] = await f.history();
  assert.equal(entry?.amountYen, 1000n);
  assert.match(entry?.description ?? '', /7654321 ﾔﾏﾀﾞ ﾀﾛｳ$/);
});

test('「修正する」 fills the form from the draft, and the changed payment is a new draft that needs its own OTP', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const first = await u.prepareTransfer({ amount: '1000' });
  const form = await u.get(`/user/transfer?from=${first}`);
  assert.match(form.body, /name="amount" type="text" value="1000"/);
  assert.match(form.body, /name="payeeName" type="text" value="ﾔﾏﾀﾞ ﾀﾛｳ"/);
  const changed = await u.prepareTransfer({ amount: '2000' });
  assert.notEqual(changed, first);
  await u.post('/user/payments/execute', { draftId: changed, otp: await f.otp(SERIAL.hw1) });
  assert.deepEqual((await f.history()).map((e) => e.amountYen), [2000n]);
});

test('before OTP use begins, the confirm screen asks for the 利用者確認暗証番号, which pays', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.login('user05');
  const draftId = await u.prepareTransfer();
  const confirm = await u.get(`/user/payments/confirm?id=${draftId}`);
  assert.match(confirm.body, /name="userConfirmPin" type="password"/);
  assert.doesNotMatch(confirm.body, /name="otp"/);
  const wrong = await u.post('/user/payments/execute', { draftId, userConfirmPin: 'wrong999' });
  assert.equal(wrong.errors.userConfirmPin, 'user_pin_wrong');
  assert.equal((await u.post('/user/payments/execute', { draftId, userConfirmPin: 'kakunin02' })).status, 303);
  assert.equal(await f.balance(), 10_000_000n - 12_345n);
  assert.ok((await f.audit()).some((e) => e.action === 'payment.authorise' && e.outcome === 'done' && e.target === 'user05'));
  assert.equal(C, '10000000001');
});
