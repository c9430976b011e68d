// The confirm step: what is refused before any OTP is asked for, and the immutable draft it stores.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WHO } from '../../test/support/domain-setup.ts';
import { CONTRACT, DAILY_LIMIT, OPENING_BALANCE, PER_PAYMENT_LIMIT, setupPaymentWorld } from '../../test/support/payment-world.ts';
import { openAccount } from './ledger.ts';
import { detailsFromJson } from './payment-details.ts';
import { PAYMENT_DRAFT_TTL_MS, TRANSFER_DATE_MAX_DAYS_AHEAD } from './payment-policy.ts';
import { preparePayment } from './prepare-payment.ts';
import { addDays, tokyoDate } from './tokyo-date.ts';
import { updateUser } from './users.ts';

const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('a prepared payment is a pending draft with 128 random bits of id, the details as shown, and an expiry', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const p = await w.prepare('user01', 777n);
  assert.ok(p.ok);
  assert.match(p.draft.id, /^[0-9a-f]{32}$/);
  assert.deepEqual([p.draft.status, p.draft.amountYen, p.draft.expiresAtMs - p.draft.createdAtMs], ['pending', 777n, PAYMENT_DRAFT_TTL_MS]);
  assert.deepEqual(detailsFromJson('transfer', p.draft.details), w.transfer());
  assert.deepEqual(await w.deps.store.transaction((tx) => tx.paymentDrafts.get(p.draft.id)), p.draft);
});

test('a user without the permission of the kind of payment is refused', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  await w.deps.store.transaction((tx) => updateUser(tx, WHO, w.now(), CONTRACT, 'user01', { canPayTax: false }));
  assert.equal(codeOf(await w.prepare('user01', 1n, w.payEasy())), 'not_permitted');
  assert.equal(codeOf(await w.prepare('user01', 1n)), 'ok', '資金移動 is still allowed');
});

test('amounts over the per-payment limit, the balance or what is left of the daily limit are refused at once', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  assert.equal(codeOf(await w.prepare('user01', PER_PAYMENT_LIMIT)), 'ok');
  assert.equal(codeOf(await w.prepare('user01', PER_PAYMENT_LIMIT + 1n)), 'over_payment_limit');
  await w.deps.store.transaction((tx) => tx.transferLimits.reserveDaily(CONTRACT, tokyoDate(w.now()), DAILY_LIMIT - 10n, DAILY_LIMIT));
  assert.equal(codeOf(await w.prepare('user01', 10n)), 'ok');
  assert.equal(codeOf(await w.prepare('user01', 11n)), 'over_daily_limit');
  assert.ok(OPENING_BALANCE > PER_PAYMENT_LIMIT);
});

test('振込指定日 may be today up to 30 days ahead in Japan time', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const today = tokyoDate(w.now());
  assert.equal(codeOf(await w.prepare('user01', 1n, w.transfer({ transferDate: addDays(today, TRANSFER_DATE_MAX_DAYS_AHEAD) }))), 'ok');
  assert.equal(codeOf(await w.prepare('user01', 1n, w.transfer({ transferDate: addDays(today, TRANSFER_DATE_MAX_DAYS_AHEAD + 1) }))), 'transfer_date_out_of_range');
  assert.equal(codeOf(await w.prepare('user01', 1n, w.transfer({ transferDate: addDays(today, -1) }))), 'transfer_date_out_of_range');
});

test('an account of another contract cannot be the paying account', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  await w.contract('20000000002');
  const other = await w.deps.store.transaction((tx) => openAccount(tx, WHO, w.now(), { contractId: '20000000002', branchCode: '002', kind: 'toza', number: '7777777', name: 'ﾀｼﾔ', balanceYen: 10n ** 9n }));
  assert.ok(other.ok);
  const r = await preparePayment(w.deps, WHO, { contractId: CONTRACT, loginId: 'user01' }, { accountId: other.account.id, amountYen: 1n, details: w.transfer() });
  assert.deepEqual(r, { ok: false, code: 'account_not_found', field: 'accountId' });
});
