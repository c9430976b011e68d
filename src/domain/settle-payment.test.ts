// The money part: limits per payment and per day, and the balance, decided atomically at authorisation.
// A refusal after an accepted OTP keeps the OTP spent and marks the draft refused; no money moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WHO } from '../../test/support/domain-setup.ts';
import { CONTRACT, DAILY_LIMIT, OPENING_BALANCE, PER_PAYMENT_LIMIT, setupPaymentWorld } from '../../test/support/payment-world.ts';
import { setTransferLimits } from './ledger.ts';
import { tokyoDate } from './tokyo-date.ts';

const otp = (code: string) => ({ kind: 'otp', code }) as const;
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('the daily limit counts every payment of the Japan day and refuses the one that would pass it', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const first = await w.draft('user01', PER_PAYMENT_LIMIT);
  const second = await w.draft('user01', DAILY_LIMIT - PER_PAYMENT_LIMIT + 1n); // fits now, not after the first
  assert.ok((await w.authorise('user01', first, otp(token.code()))).ok);
  w.advance(30_000);
  const refused = await w.authorise('user01', second, otp(token.code()));
  assert.equal(codeOf(refused), 'over_daily_limit');
  const day = tokyoDate(w.now());
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, day)), PER_PAYMENT_LIMIT);
  assert.equal(await w.balance(), OPENING_BALANCE - PER_PAYMENT_LIMIT);
  const draft = await w.deps.store.transaction((tx) => tx.paymentDrafts.get(second));
  assert.deepEqual([draft?.status, draft?.refusal], ['refused', 'over_daily_limit']);
  w.advance(30_000);
  assert.equal(codeOf(await w.authorise('user01', second, otp(token.code()))), 'payment_refused', 'a refused payment is entered again');
  assert.ok((await w.deps.store.transaction((tx) => tx.tokens.get('10000000000011')))?.lastCounter !== null);
});

test('a debit larger than the balance is refused and gives back its reservation of the daily limit', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  await w.deps.store.transaction((tx) => setTransferLimits(tx, WHO, w.now(), { contractId: CONTRACT, perPaymentYen: 10n ** 9n, dailyYen: 10n ** 10n }));
  const token = await w.register('user01', '10000000000011');
  const big = await w.draft('user01', OPENING_BALANCE);
  const small = await w.draft('user01', 1n);
  assert.ok((await w.authorise('user01', small, otp(token.code()))).ok);
  w.advance(30_000);
  assert.equal(codeOf(await w.authorise('user01', big, otp(token.code()))), 'insufficient_funds');
  assert.equal(await w.balance(), OPENING_BALANCE - 1n);
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, tokyoDate(w.now()))), 1n);
  assert.deepEqual((await w.audit()).filter((e) => e.action === 'payment.authorise').map((e) => e.outcome), ['done', 'insufficient_funds']);
});

test('a per-payment limit lowered after the confirm step refuses the payment at authorisation', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01', 100_000n);
  await w.deps.store.transaction((tx) => setTransferLimits(tx, WHO, w.now(), { contractId: CONTRACT, perPaymentYen: 99_999n, dailyYen: DAILY_LIMIT }));
  assert.equal(codeOf(await w.authorise('user01', draftId, otp(token.code()))), 'over_payment_limit');
  assert.equal(await w.balance(), OPENING_BALANCE);
});

test('a Pay-easy payment debits like a transfer and its receipt carries the bill', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const paid = await w.authorise('user01', await w.draft('user01', 54_321n, w.payEasy()), otp(token.code()));
  assert.ok(paid.ok && 'receipt' in paid);
  assert.deepEqual(paid.receipt.details, w.payEasy());
  assert.equal(paid.receipt.kind, 'payeasy');
  assert.match((await w.history())[0]?.description ?? '', /^Pay-easy 収納機関番号 12345/);
});
