// Reservations (予約) at the store level: a due reservation is claimed by exactly one of any number of
// parallel runners, a claim whose lease ran out is taken over (and the old holder can then neither hold nor
// finish it), and cancellation is conditional on its status, its owner and its date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewReservation, ReservationClaim, StoreTx } from '../../domain/store-ports.ts';
import { CONTRACT_ID, T0_MS } from './fixtures.ts';
import { aDraft, anAccount, draftId } from './payment-fixtures.ts';
import { setup, type Setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const TODAY = '2025-01-06';
const TOMORROW = '2025-01-07';
const LEASE_MS = 60_000;

function reservationId(n: number): string {
  return `r${n.toString(16).padStart(31, '0')}`;
}

/** `count` reservations (with their drafts) for `executeOn`, numbered from `from`. */
async function reservations(s: Setup, count: number, executeOn: string, from = 1): Promise<string[]> {
  if ((await s.tx((tx) => tx.contracts.get(CONTRACT_ID))) === undefined) await s.contracts(CONTRACT_ID);
  return s.tx(async (tx) => {
    const account = (await tx.accounts.list(CONTRACT_ID))[0] ?? (await tx.accounts.insert(anAccount()));
    const ids: string[] = [];
    for (let n = from; n < from + count; n++) {
      await tx.paymentDrafts.insert(aDraft(draftId(n), account.id));
      const r: NewReservation = {
        id: reservationId(n), draftId: draftId(n), contractId: CONTRACT_ID, loginId: 'user01', accountId: account.id,
        amountYen: 1000n, details: '{"kind":"transfer"}', executeOn, createdAtMs: T0_MS + n,
      };
      ids.push((await tx.reservations.insert(r)).id);
    }
    return ids;
  });
}

const claim = (runnerId: string, nowMs = T0_MS, limit = 100): ReservationClaim => ({ today: TODAY, nowMs, runnerId, leaseUntilMs: nowMs + LEASE_MS, limit });

export function reservationCases(open: OpenStore): void {
  test('a reservation is stored as given and a draft can be reserved only once', async (t) => {
    const s = await setup(t, open);
    const [id] = await reservations(s, 1, TOMORROW);
    const r = await s.tx((tx) => tx.reservations.get(id ?? ''));
    assert.deepEqual([r?.draftId, r?.amountYen, r?.executeOn, r?.status, r?.claimedBy, r?.claimedUntilMs], [draftId(1), 1000n, TOMORROW, 'reserved', null, null]);
    assert.equal((await s.tx((tx) => tx.reservations.forDraft(draftId(1))))?.id, id);
    assert.deepEqual((await s.tx((tx) => tx.reservations.listFor(CONTRACT_ID, 'user01', 10))).map((x) => x.id), [id]);
    assert.deepEqual(await s.tx((tx) => tx.reservations.listFor(CONTRACT_ID, 'user02', 10)), []);
    await assert.rejects(s.tx((tx) => tx.reservations.insert({ ...(r as NewReservation), id: reservationId(99) })));
  });

  test('only due reservations are claimed, with the runner and its lease', async (t) => {
    const s = await setup(t, open);
    const [due] = await reservations(s, 1, TODAY);
    await reservations(s, 1, TOMORROW, 2);
    const claimed = await s.tx((tx) => tx.reservations.claimDue(claim('runner-a')));
    assert.deepEqual(claimed.map((r) => [r.id, r.status, r.claimedBy, r.claimedUntilMs]), [[due, 'executing', 'runner-a', T0_MS + LEASE_MS]]);
    assert.deepEqual(await s.tx((tx) => tx.reservations.claimDue(claim('runner-b'))), [], 'a claim in force is not taken');
  });

  test('parallel runners claim every due reservation exactly once', async (t) => {
    const s = await setup(t, open);
    const ids = await reservations(s, 30, TODAY);
    const meet = s.overlap();
    const runs = await s.parallel(8, async (tx, i) => {
      await meet();
      return (await tx.reservations.claimDue(claim(`runner-${i}`, T0_MS, 5))).map((r) => r.id);
    });
    let more = await s.tx((tx) => tx.reservations.claimDue(claim('runner-late')));
    const all = [...runs.flat(), ...more.map((r) => r.id)];
    assert.equal(all.length, new Set(all).size, 'no reservation was claimed twice');
    assert.deepEqual([...all].sort(), [...ids].sort());
    more = await s.tx((tx) => tx.reservations.claimDue(claim('runner-later')));
    assert.deepEqual(more, []);
  });

  test('a claim whose lease ran out is taken over, and the old holder can no longer hold or finish it', async (t) => {
    const s = await setup(t, open);
    const [id = ''] = await reservations(s, 1, TODAY);
    await s.tx((tx) => tx.reservations.claimDue(claim('runner-a')));
    assert.deepEqual(await s.tx((tx) => tx.reservations.claimDue(claim('runner-b', T0_MS + LEASE_MS - 1))), [], 'not before the lease ends');
    const taken = await s.tx((tx) => tx.reservations.claimDue(claim('runner-b', T0_MS + LEASE_MS)));
    assert.deepEqual(taken.map((r) => [r.id, r.claimedBy]), [[id, 'runner-b']]);
    assert.equal(await s.tx((tx) => tx.reservations.hold(id, 'runner-a')), undefined);
    assert.equal(await s.tx((tx) => tx.reservations.finish(id, 'runner-a', 'done', 'done', T0_MS)), false);
    assert.equal((await s.tx((tx) => tx.reservations.hold(id, 'runner-b')))?.id, id);
    assert.equal(await s.tx((tx) => tx.reservations.finish(id, 'runner-b', 'failed', 'insufficient_funds', T0_MS)), true);
    const r = await s.tx((tx) => tx.reservations.get(id));
    assert.deepEqual([r?.status, r?.resultCode, r?.claimedUntilMs, r?.finishedAtMs], ['failed', 'insufficient_funds', null, T0_MS]);
    assert.deepEqual(await s.tx((tx) => tx.reservations.claimDue(claim('runner-c', T0_MS + 10 * LEASE_MS))), [], 'a finished one is never claimed');
  });

  test('an execution that rolls back leaves the reservation to be claimed again once the lease ends', async (t) => {
    const s = await setup(t, open);
    const [id = ''] = await reservations(s, 1, TODAY);
    await s.tx((tx) => tx.reservations.claimDue(claim('runner-a')));
    await assert.rejects(
      s.tx(async (tx: StoreTx) => {
        await tx.reservations.hold(id, 'runner-a');
        await tx.reservations.finish(id, 'runner-a', 'done', 'done', T0_MS);
        throw new Error('the instance died');
      }),
    );
    assert.equal((await s.tx((tx) => tx.reservations.get(id)))?.status, 'executing');
    const again = await s.tx((tx) => tx.reservations.claimDue(claim('runner-b', T0_MS + LEASE_MS)));
    assert.deepEqual(again.map((r) => r.id), [id]);
  });

  test('a reservation is cancelled only by its user, while reserved and before its day; uncancel undoes it', async (t) => {
    const s = await setup(t, open);
    const [later = ''] = await reservations(s, 1, TOMORROW);
    const cancel = (loginId: string, today: string) => s.tx((tx) => tx.reservations.cancel(later, CONTRACT_ID, loginId, today, T0_MS));
    assert.equal(await cancel('user02', TODAY), undefined, "another user's");
    assert.equal(await cancel('user01', TOMORROW), undefined, 'on its execution day');
    assert.equal((await cancel('user01', TODAY))?.status, 'cancelled');
    assert.equal(await cancel('user01', TODAY), undefined, 'twice');
    assert.equal(await s.tx((tx) => tx.reservations.uncancel(later)), true);
    assert.equal((await s.tx((tx) => tx.reservations.get(later)))?.status, 'reserved');
  });
}
