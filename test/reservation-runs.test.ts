// The two ways reservations get executed besides a direct call: `bizotp payments run-due` (a bank's own
// scheduler) and the server's timer (reservation-scheduler.ts), both with a pinned clock.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunDueCounts } from '../src/domain/run-due-reservations.ts';
import { createReservationScheduler } from '../src/reservation-scheduler.ts';
import { cliHarness } from './support/cli-harness.ts';
import { OPENING_BALANCE, PER_PAYMENT_LIMIT, setupPaymentWorld, type PaymentWorld } from './support/payment-world.ts';

const DAY_MS = 24 * 3_600_000;

async function reserveTomorrow(w: PaymentWorld, amounts: readonly bigint[]): Promise<void> {
  const token = await w.register('user01', '10000000000011');
  for (const amountYen of amounts) {
    const r = await w.authorise('user01', await w.draft('user01', amountYen, w.transfer({ transferDate: '2026-11-25' })), { kind: 'otp', code: token.code() });
    assert.ok(r.ok && 'reservation' in r);
    w.advance(30_000);
  }
}

test('bizotp payments run-due executes the due reservations once, prints the counts and exits 0', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  const w = await setupPaymentWorld(['user01'], cli.dbPath);
  await reserveTomorrow(w, [PER_PAYMENT_LIMIT, PER_PAYMENT_LIMIT]); // the second passes the day's limit
  await w.close();

  const early = await cli.run(['payments', 'run-due']);
  assert.deepEqual([early.code, early.stdout.trim()], [0, '実行 0件、実行不可 0件、他の実行者が処理 0件、エラー 0件']);
  cli.advance(DAY_MS);
  const due = await cli.run(['payments', 'run-due']);
  assert.deepEqual([due.code, due.stdout.trim()], [0, '実行 1件、実行不可 1件、他の実行者が処理 0件、エラー 0件']);
  const again = await cli.run(['payments', 'run-due']);
  assert.match(again.stdout, /^実行 0件、実行不可 0件/);
  assert.equal((await cli.run(['payments', 'run-due', '--help'])).code, 0);
});

test('the server\'s scheduler executes what is due and shares one run between overlapping calls', async (t) => {
  const w = await setupPaymentWorld(['user01']);
  t.after(() => w.close());
  await reserveTomorrow(w, [10_000n]);
  w.advance(DAY_MS);
  const scheduler = createReservationScheduler(w.deps, { runnerId: 'test' });
  const [a, b] = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
  assert.equal(a, b, 'one run, not two');
  assert.equal(a.executed, 1);
  assert.equal(await w.balance(), OPENING_BALANCE - 10_000n);
});

test('the scheduler, once started, runs at once rather than waiting for its first interval', async (t) => {
  const w = await setupPaymentWorld(['user01']);
  t.after(() => w.close());
  await reserveTomorrow(w, [10_000n]);
  w.advance(DAY_MS);
  const ran = new Promise<RunDueCounts>((resolve) => {
    const scheduler = createReservationScheduler(w.deps, { runnerId: 'test', intervalMs: 3_600_000, onRun: resolve });
    scheduler.start();
    t.after(() => scheduler.stop());
  });
  assert.deepEqual(await ran, { executed: 1, failed: 0, takenOver: 0, errors: 0 });
  assert.equal(await w.balance(), OPENING_BALANCE - 10_000n);
});
