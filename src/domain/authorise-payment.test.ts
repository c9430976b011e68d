// Authorising a payment with an OTP: exactly one debit per accepted code, the receipt again for a second
// submission, and every refusal a value whose failure count commits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTRACT, OPENING_BALANCE, setupPaymentWorld } from '../../test/support/payment-world.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import { unlockUser } from './user-unlock.ts';
import { WHO } from '../../test/support/domain-setup.ts';

const otp = (code: string) => ({ kind: 'otp', code }) as const;
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('a registered user pays with a current OTP: one debit, one ledger entry, a receipt number and audit entries', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01', 12_345n);
  const paid = await w.authorise('user01', draftId, otp(token.code()));
  assert.ok(paid.ok && 'receipt' in paid, codeOf(paid));
  assert.equal(paid.alreadyDone, false);
  assert.match(paid.receipt.receiptNo, /^20261124-\d{8}$/);
  assert.equal(paid.receipt.amountYen, 12_345n);
  assert.equal(await w.balance(), OPENING_BALANCE - 12_345n);
  const history = await w.history();
  assert.deepEqual(history.map((e) => [e.draftId, e.amountYen, e.balanceAfterYen]), [[draftId, 12_345n, OPENING_BALANCE - 12_345n]]);
  const authorised = (await w.audit()).filter((e) => e.action === 'payment.authorise');
  assert.deepEqual(authorised.map((e) => e.outcome), ['done']);
  assert.doesNotMatch(authorised[0]?.detail ?? '', new RegExp(token.code()), 'the OTP never goes to the audit log');
});

test('submitting the same draft again shows the same receipt and never debits twice, without evaluating the OTP', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01');
  const first = await w.authorise('user01', draftId, otp(token.code()));
  const again = await w.authorise('user01', draftId, otp('000000'));
  assert.ok(first.ok && again.ok && 'receipt' in first && 'receipt' in again);
  assert.equal(again.alreadyDone, true);
  assert.equal(again.receipt.receiptNo, first.receipt.receiptNo);
  assert.equal((await w.history()).length, 1);
  const token01 = await w.deps.store.transaction((tx) => tx.tokens.get('10000000000011'));
  assert.equal(token01?.consecutiveFailures, 0, 'the wrong code of the second submission was not evaluated');
});

test('the same OTP is refused for a second payment as replayed, and that payment stays pending for a new code', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const code = token.code();
  assert.ok((await w.authorise('user01', await w.draft('user01'), otp(code))).ok);
  const second = await w.draft('user01');
  assert.equal(codeOf(await w.authorise('user01', second, otp(code))), 'otp_replayed');
  assert.equal((await w.deps.store.transaction((tx) => tx.paymentDrafts.get(second)))?.status, 'pending');
  w.advance(30_000);
  assert.ok((await w.authorise('user01', second, otp(token.code()))).ok, 'the next code pays it');
  assert.equal((await w.history()).length, 2);
});

test('a wrong OTP is refused, counts toward the token lock, and leaves the draft payable', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01');
  const wrong = token.code() === '000000' ? '111111' : '000000';
  assert.equal(codeOf(await w.authorise('user01', draftId, otp(wrong))), 'otp_invalid');
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get('10000000000011')))?.consecutiveFailures, 1);
  assert.equal(await w.balance(), OPENING_BALANCE);
  assert.ok((await w.authorise('user01', draftId, otp(token.code()))).ok);
});

test(`${MAX_CONSECUTIVE_OTP_FAILURES} wrong OTPs lock the token: the right code is refused until the admin's 利用中止解除`, async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01');
  const wrong = token.code() === '000000' ? '111111' : '000000';
  for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) assert.equal(codeOf(await w.authorise('user01', draftId, otp(wrong))), 'otp_invalid');
  assert.equal(codeOf(await w.authorise('user01', draftId, otp(token.code()))), 'token_locked');
  const unlocked = await w.deps.store.transaction((tx) => unlockUser(tx, WHO, w.now(), CONTRACT, 'user01'));
  assert.ok(unlocked.ok && unlocked.tokenUnlocked === '10000000000011');
  assert.ok((await w.authorise('user01', draftId, otp(token.code()))).ok);
  assert.ok((await w.audit()).some((e) => e.action === 'payment.authorise' && e.outcome === 'token_locked'));
});

test('after OTP use began, a user without a registered token is refused at the confirm step and at a direct authorise', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  assert.equal(codeOf(await w.prepare('user02')), 'not_registered');
  // A draft made before (or forged around) the confirm step is refused too, whatever code is sent.
  const draftId = await w.draft('user01');
  const forged = await w.deps.store.transaction(async (tx) => {
    const d = await tx.paymentDrafts.get(draftId);
    if (d === undefined) throw new Error('no draft');
    const id = 'f'.repeat(32);
    await tx.paymentDrafts.insert({ id, contractId: d.contractId, loginId: 'user02', kind: d.kind, accountId: d.accountId, amountYen: d.amountYen, details: d.details, createdAtMs: d.createdAtMs, expiresAtMs: d.expiresAtMs });
    return id;
  });
  assert.equal(codeOf(await w.authorise('user02', forged, otp(token.code()))), 'not_registered');
  assert.equal(codeOf(await w.authorise('user02', forged, { kind: 'user_pin', pin: 'kakunin02' })), 'not_registered');
  assert.equal(await w.balance(), OPENING_BALANCE);
  assert.deepEqual((await w.audit()).filter((e) => e.target === 'user02' && e.action.startsWith('payment.')).map((e) => e.outcome), ['not_registered', 'not_registered', 'not_registered']);
});

test('under the shared form every user pays with the contract\'s one token, and its codes are spent for all', async (t) => {
  const w = await setupPaymentWorld(['user01', 'user02', 'user03']);
  t.after(() => w.close());
  const shared = await w.register(null, '20000000000001');
  const code = shared.code();
  assert.ok((await w.authorise('user01', await w.draft('user01'), otp(code))).ok);
  assert.equal(codeOf(await w.authorise('user02', await w.draft('user02'), otp(code))), 'otp_replayed', 'one token: one use of a code');
  w.advance(30_000);
  assert.ok((await w.authorise('user02', await w.draft('user02'), otp(shared.code()))).ok);
  w.advance(30_000);
  assert.ok((await w.authorise('user03', await w.draft('user03'), otp(shared.code()))).ok);
  assert.deepEqual((await w.history()).map((e) => e.loginId), ['user03', 'user02', 'user01']);
});

test('a draft of another user, an unknown draft and an expired draft cannot be authorised', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register(null, '20000000000001');
  const draftId = await w.draft('user01');
  assert.equal(codeOf(await w.authorise('user02', draftId, otp(token.code()))), 'payment_not_found');
  assert.equal(codeOf(await w.authorise('user01', '0'.repeat(32), otp(token.code()))), 'payment_not_found');
  w.advance(5 * 60_000);
  assert.equal(codeOf(await w.authorise('user01', draftId, otp(token.code()))), 'payment_expired');
  assert.equal(await w.balance(), OPENING_BALANCE);
});
