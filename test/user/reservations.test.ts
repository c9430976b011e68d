// 予約 over HTTP: only the owner sees, cancels or reads a reservation; cancellation needs the session's CSRF
// token like every POST; a draft whose date passed before 実行 gets the refusal with its message.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userAgent, type UserAgent } from './agent.ts';
import { SERIAL, setupUserApp, type UserApp } from './fixture.ts';

const reservationIdOf = (body: string): string => /name="reservationId" value="([0-9a-f]{32})"/.exec(body)?.[1] ?? '';

async function reserve(f: UserApp, u: UserAgent, serial: string, transferDate = '2026-11-26'): Promise<{ draftId: string; reservationId: string }> {
  const draftId = await u.prepareTransfer({ transferDate });
  const done = await u.post('/user/payments/execute', { draftId, otp: await f.otp(serial) });
  assert.equal(done.location, `/user/payments/receipt?id=${draftId}`);
  f.clock.advance(30_000);
  const reservation = await f.deps.store.transaction((tx) => tx.reservations.forDraft(draftId));
  assert.ok(reservation !== undefined);
  return { draftId, reservationId: reservation.id };
}

test('a user sees and cancels only their own reservations: another user\'s looks like none', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register(null, SERIAL.sw);
  const owner = userAgent(f.app);
  await owner.login('user01');
  const { draftId, reservationId } = await reserve(f, owner, SERIAL.sw);
  const receipt = await owner.get(`/user/payments/receipt?id=${draftId}`);
  assert.equal(receipt.status, 200);
  assert.match(receipt.body, /予約受付/);

  const other = userAgent(f.app);
  await other.login('user02');
  assert.doesNotMatch((await other.get('/user/reservations')).body, new RegExp(reservationId));
  const shown = await other.get(`/user/reservations/cancel?id=${reservationId}`);
  assert.deepEqual([shown.status, shown.errors._page], [404, 'reservation_not_found']);
  const cancelled = await other.post('/user/reservations/cancel', { reservationId, otp: await f.otp(SERIAL.sw) });
  assert.equal(cancelled.errors._page, 'reservation_not_found');
  assert.equal((await other.get(`/user/payments/receipt?id=${draftId}`)).status, 404);
  assert.equal((await f.deps.store.transaction((tx) => tx.reservations.get(reservationId)))?.status, 'reserved');

  assert.match((await owner.get('/user/reservations')).body, new RegExp(reservationId));
  const form = await owner.get(`/user/reservations/cancel?id=${reservationId}`);
  assert.equal(reservationIdOf(form.body), reservationId);
  f.clock.advance(30_000);
  const ok = await owner.post('/user/reservations/cancel', { reservationId, otp: await f.otp(SERIAL.sw) });
  assert.equal(ok.location, `/user/reservations/cancelled?id=${reservationId}`);
  assert.equal((await owner.get(ok.location ?? '')).status, 200);
  const again = await owner.get(`/user/reservations/cancel?id=${reservationId}`);
  assert.equal(again.errors._page, 'reservation_not_cancellable');
});

test('a cancellation without the session\'s CSRF token is refused and the reservation stays', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const { reservationId } = await reserve(f, u, SERIAL.hw1);
  const refused = await u.post('/user/reservations/cancel', { reservationId, otp: await f.otp(SERIAL.hw1) }, { csrf: false });
  assert.equal(refused.status, 403);
  assert.equal((await f.deps.store.transaction((tx) => tx.reservations.get(reservationId)))?.status, 'reserved');
});

test('a transfer whose date passed between the confirm screen and 実行 is refused with its message', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  f.clock.nowMs = Date.UTC(2026, 10, 24, 14, 58, 0); // 23:58 in Tokyo
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer({ transferDate: '2026-11-24' });
  f.clock.advance(3 * 60_000); // 00:01 on the 25th
  const page = await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) });
  assert.equal(page.errors._page, 'transfer_date_passed');
  assert.equal((await f.history()).length, 0);
});
