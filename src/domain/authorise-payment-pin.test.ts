// Before the contract's OTP use has begun, the 利用者確認暗証番号 authorises payments, under a lockout of its
// own; once OTP use begins, the PIN no longer does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WHO } from '../../test/support/domain-setup.ts';
import { CONTRACT, OPENING_BALANCE, setupPaymentWorld } from '../../test/support/payment-world.ts';
import { MAX_USER_CONFIRM_PIN_FAILURES } from './payment-policy.ts';
import { unlockUserConfirmPin } from './user-confirm-pin.ts';

const pin = (value: string) => ({ kind: 'user_pin', pin: value }) as const;
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('before OTP use begins, the 利用者確認暗証番号 authorises a payment and the confirm step asks for it', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const prepared = await w.prepare('user01', 5_000n);
  assert.ok(prepared.ok);
  assert.deepEqual(prepared.authority, { kind: 'user_pin' });
  const paid = await w.authorise('user01', prepared.draft.id, pin('kakunin02'));
  assert.ok(paid.ok, codeOf(paid));
  assert.equal(await w.balance(), OPENING_BALANCE - 5_000n);
  assert.match((await w.audit()).find((e) => e.action === 'payment.authorise')?.detail ?? '', /"userPin":true/);
});

test('an OTP is not what authorises a payment before OTP use begins', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const draftId = await w.draft('user01');
  const r = await w.authorise('user01', draftId, { kind: 'otp', code: '123456' });
  assert.deepEqual(r, { ok: false, code: 'required', field: 'userConfirmPin' });
  assert.ok((await w.authorise('user01', draftId, pin('kakunin02'))).ok, 'the draft is still payable');
});

test(`${MAX_USER_CONFIRM_PIN_FAILURES} wrong 利用者確認暗証番号 lock the user's payments until the admin lifts it`, async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const draftId = await w.draft('user01');
  for (let i = 0; i < MAX_USER_CONFIRM_PIN_FAILURES; i++) assert.equal(codeOf(await w.authorise('user01', draftId, pin('wrong999'))), 'user_pin_wrong');
  assert.equal(codeOf(await w.authorise('user01', draftId, pin('kakunin02'))), 'user_pin_locked');
  assert.equal(await w.balance(), OPENING_BALANCE);
  assert.equal(await w.deps.store.transaction((tx) => unlockUserConfirmPin(tx, WHO, w.now(), CONTRACT, 'user01')), true);
  assert.equal(await w.deps.store.transaction((tx) => unlockUserConfirmPin(tx, WHO, w.now(), CONTRACT, 'user01')), false, 'nothing left to unlock');
  assert.ok((await w.authorise('user01', draftId, pin('kakunin02'))).ok);
  const outcomes = (await w.audit()).filter((e) => e.action === 'payment.authorise').map((e) => e.outcome);
  assert.deepEqual(outcomes, [...Array(MAX_USER_CONFIRM_PIN_FAILURES).fill('user_pin_wrong'), 'user_pin_locked', 'done']);
});

test('a correct PIN resets the count of wrong ones', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  for (let i = 0; i < MAX_USER_CONFIRM_PIN_FAILURES - 1; i++) await w.authorise('user01', await w.draft('user01'), pin('wrong999'));
  assert.ok((await w.authorise('user01', await w.draft('user01'), pin('kakunin02'))).ok);
  assert.equal(await w.deps.store.transaction((tx) => tx.userPins.failures(CONTRACT, 'user01')), 0);
});

test('once OTP use has begun the PIN is refused without spending an attempt, and the OTP is asked for', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const draftId = await w.draft('user01');
  await w.register('user01', '10000000000011');
  assert.deepEqual(await w.authorise('user01', draftId, pin('kakunin02')), { ok: false, code: 'required', field: 'otp' });
  assert.equal(await w.deps.store.transaction((tx) => tx.userPins.failures(CONTRACT, 'user01')), 0);
});

test('a second submission of a done draft with a PIN returns the receipt and spends no PIN attempt', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const draftId = await w.draft('user01');
  const first = await w.authorise('user01', draftId, pin('kakunin02'));
  const again = await w.authorise('user01', draftId, pin('anything1'));
  assert.ok(first.ok && again.ok && again.alreadyDone);
  assert.equal(await w.deps.store.transaction((tx) => tx.userPins.failures(CONTRACT, 'user01')), 0);
  assert.equal((await w.history()).length, 1);
});
