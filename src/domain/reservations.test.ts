// 予約: a transfer dated later is authorised with an OTP now and debited on its business day, against that
// day's limit; a passed date is refused; a reservation that cannot execute fails visibly; the user cancels
// with a fresh OTP. The clock is pinned (2026-11-24 18:00 JST, a Tuesday) and moved by the tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WHO } from '../../test/support/domain-setup.ts';
import { CONTRACT, DAILY_LIMIT, OPENING_BALANCE, PER_PAYMENT_LIMIT, setupPaymentWorld, type PaymentWorld } from '../../test/support/payment-world.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { setTransferLimits } from './ledger.ts';
import { reservationsOf } from './reservation-receipt.ts';
import { runDueReservations } from './run-due-reservations.ts';
import { tokyoDate } from './tokyo-date.ts';

const otp = (code: string) => ({ kind: 'otp', code }) as const;
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const RUNNER = { runnerId: 'test-runner' };

async function reserve(w: PaymentWorld, token: { code(): string }, amountYen: bigint, transferDate: string): Promise<string> {
  const draftId = await w.draft('user01', amountYen, w.transfer({ transferDate }));
  const r = await w.authorise('user01', draftId, otp(token.code()));
  assert.ok(r.ok && 'reservation' in r, codeOf(r));
  w.advance(30_000);
  return r.reservation.reservationId;
}

const statusOf = async (w: PaymentWorld, id: string): Promise<[string, string | null] | undefined> => {
  const r = await w.deps.store.transaction((tx) => tx.reservations.get(id));
  return r === undefined ? undefined : [r.status, r.resultCode];
};

test('a transfer dated later is reserved with the OTP spent now, and nothing is debited or counted today', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const draftId = await w.draft('user01', 30_000n, w.transfer({ transferDate: '2026-11-26' }));
  const r = await w.authorise('user01', draftId, otp(token.code()));
  assert.ok(r.ok && 'reservation' in r, codeOf(r));
  assert.deepEqual([r.reservation.executeOn, r.reservation.status, r.reservation.amountYen], ['2026-11-26', 'reserved', 30_000n]);
  assert.equal(await w.balance(), OPENING_BALANCE);
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, tokyoDate(w.now()))), 0n);
  assert.notEqual((await w.deps.store.transaction((tx) => tx.tokens.get('10000000000011')))?.lastCounter, null, 'the OTP is consumed at authorisation');
  const again = await w.authorise('user01', draftId, otp('000000'));
  assert.ok(again.ok && 'reservation' in again && again.alreadyDone, 'a second submission shows the same reservation');
  assert.deepEqual((await w.audit()).filter((e) => e.action === 'payment.authorise').map((e) => e.outcome), ['reserved']);
});

test('a reservation dated on a Saturday executes on the Monday, not before', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const id = await reserve(w, token, 40_000n, '2026-11-28');
  assert.deepEqual((await w.deps.store.transaction((tx) => tx.reservations.get(id)))?.executeOn, '2026-11-30');
  w.advance(4 * DAY_MS); // Saturday 11-28 18:00 JST
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 0, failed: 0, takenOver: 0, errors: 0 });
  w.advance(2 * DAY_MS - 17 * HOUR_MS); // Monday 11-30 01:00 JST
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 1, failed: 0, takenOver: 0, errors: 0 });
  assert.deepEqual(await statusOf(w, id), ['done', 'done']);
  assert.equal(await w.balance(), OPENING_BALANCE - 40_000n);
  assert.deepEqual((await w.history()).map((e) => e.amountYen), [40_000n]);
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 0, failed: 0, takenOver: 0, errors: 0 }, 'executed once');
});

test('a reservation counts against the daily limit of the day it executes, not the day it was authorised', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  // Today: a full-size payment now, and a reservation for tomorrow that would not fit in today's limit.
  assert.ok((await w.authorise('user01', await w.draft('user01', PER_PAYMENT_LIMIT), otp(token.code()))).ok);
  w.advance(30_000);
  const id = await reserve(w, token, PER_PAYMENT_LIMIT, '2026-11-25');
  w.advance(DAY_MS);
  const tomorrow = tokyoDate(w.now());
  assert.equal(tomorrow, '2026-11-25');
  // Tomorrow: a payment made before the runner leaves too little of that day's limit.
  assert.ok((await w.authorise('user01', await w.draft('user01', DAILY_LIMIT - PER_PAYMENT_LIMIT + 1n), otp(token.code()))).ok);
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 0, failed: 1, takenOver: 0, errors: 0 });
  assert.deepEqual(await statusOf(w, id), ['failed', 'over_daily_limit']);
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, tomorrow)), DAILY_LIMIT - PER_PAYMENT_LIMIT + 1n);
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, '2026-11-24')), PER_PAYMENT_LIMIT);
});

test('a reservation that cannot execute for want of funds is marked failed, audited and listed with its reason', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  await w.deps.store.transaction((tx) => setTransferLimits(tx, WHO, w.now(), { contractId: CONTRACT, perPaymentYen: 10n ** 9n, dailyYen: 10n ** 10n }));
  const token = await w.register('user01', '10000000000011');
  const id = await reserve(w, token, OPENING_BALANCE, '2026-11-25');
  assert.ok((await w.authorise('user01', await w.draft('user01', 1n), otp(token.code()))).ok, 'the balance drops below the reservation');
  w.advance(DAY_MS);
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 0, failed: 1, takenOver: 0, errors: 0 });
  assert.equal(await w.balance(), OPENING_BALANCE - 1n);
  const listed = await w.deps.store.transaction((tx) => reservationsOf(tx, { contractId: CONTRACT, loginId: 'user01' }));
  assert.deepEqual(listed.map((r) => [r.reservationId, r.status, r.failure]), [[id, 'failed', 'insufficient_funds']]);
  const executed = (await w.audit()).filter((e) => e.action === 'reservation.execute');
  assert.deepEqual(executed.map((e) => [e.actor, e.outcome]), [['system:reservations', 'insufficient_funds']]);
  assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, '2026-11-25')), 0n, 'the refused debit gave back its share of the limit');
});

test('a draft prepared at 23:58 for today and authorised after midnight (Japan time) is refused: its date has passed', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  w.advance(5 * HOUR_MS + 58 * 60_000 - 30_000); // 2026-11-24 23:58 JST
  const draftId = await w.draft('user01', 10_000n, w.transfer({ transferDate: '2026-11-24' }));
  w.advance(3 * 60_000); // 00:01 on the 25th
  const r = await w.authorise('user01', draftId, otp(token.code()));
  assert.equal(codeOf(r), 'transfer_date_passed');
  assert.equal(await w.balance(), OPENING_BALANCE);
  const draft = await w.deps.store.transaction((tx) => tx.paymentDrafts.get(draftId));
  assert.deepEqual([draft?.status, draft?.refusal], ['refused', 'transfer_date_passed']);
  assert.equal(await w.deps.store.transaction((tx) => tx.reservations.forDraft(draftId)), undefined);
  assert.deepEqual((await w.audit()).filter((e) => e.action === 'payment.authorise').map((e) => e.outcome), ['transfer_date_passed']);
});

test('a reservation is cancelled with a fresh OTP, never executes, and cannot be cancelled twice', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const token = await w.register('user01', '10000000000011');
  const id = await reserve(w, token, 20_000n, '2026-11-26');
  const owner = { contractId: CONTRACT, loginId: 'user01', reservationId: id };
  const wrong = token.code() === '000000' ? '111111' : '000000';
  assert.equal(codeOf(await cancelReservation(w.deps, WHO, { ...owner, otp: wrong })), 'otp_invalid');
  assert.deepEqual(await statusOf(w, id), ['reserved', null], 'a refused OTP leaves it reserved');
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get('10000000000011')))?.consecutiveFailures, 1, 'and its failure counts');
  assert.equal(codeOf(await cancelReservation(w.deps, WHO, { ...owner, otp: token.code() })), 'ok');
  assert.deepEqual(await statusOf(w, id), ['cancelled', 'cancelled']);
  w.advance(30_000);
  assert.equal(codeOf(await cancelReservation(w.deps, WHO, { ...owner, otp: token.code() })), 'reservation_not_cancellable');
  w.advance(2 * DAY_MS);
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 0, failed: 0, takenOver: 0, errors: 0 });
  assert.equal(await w.balance(), OPENING_BALANCE);
  const cancels = (await w.audit()).filter((e) => e.action === 'reservation.cancel').map((e) => e.outcome);
  assert.deepEqual(cancels, ['otp_invalid', 'cancelled', 'reservation_not_cancellable']);
});

test('a done or failed reservation, one on its execution day, and another user\'s are not cancelled', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  await w.deps.store.transaction((tx) => setTransferLimits(tx, WHO, w.now(), { contractId: CONTRACT, perPaymentYen: 10n ** 9n, dailyYen: 10n ** 10n }));
  const token = await w.register('user01', '10000000000011');
  const done = await reserve(w, token, 1_000n, '2026-11-25');
  const failed = await reserve(w, token, OPENING_BALANCE, '2026-11-25');
  const later = await reserve(w, token, 1_000n, '2026-11-26');
  w.advance(DAY_MS);
  assert.deepEqual(await runDueReservations(w.deps, RUNNER), { executed: 1, failed: 1, takenOver: 0, errors: 0 });
  const cancel = async (loginId: string, reservationId: string): Promise<string> => {
    w.advance(30_000);
    return codeOf(await cancelReservation(w.deps, WHO, { contractId: CONTRACT, loginId, reservationId, otp: token.code() }));
  };
  assert.equal(await cancel('user01', done), 'reservation_not_cancellable');
  assert.equal(await cancel('user01', failed), 'reservation_not_cancellable');
  assert.equal(await cancel('user02', later), 'reservation_not_found');
  w.advance(DAY_MS); // 11-26: its execution day
  assert.equal(await cancel('user01', later), 'reservation_not_cancellable');
  assert.deepEqual(await statusOf(w, later), ['reserved', null]);
});
