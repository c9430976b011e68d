// Several server instances run the reservation runner at once (security.md: exactly once across instances):
// two runners (on PostgreSQL each with its own connection pool) execute 20 due reservations in parallel,
// and every reservation is debited exactly once — on SQLite (a file) and on PostgreSQL. A runner that died
// after claiming leaves its reservations to another runner once the lease has run out.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { DomainDeps } from '../src/domain/deps.ts';
import { setTransferLimits } from '../src/domain/ledger.ts';
import { runDueReservations } from '../src/domain/run-due-reservations.ts';
import { tokyoDate } from '../src/domain/tokyo-date.ts';
import { openStore } from '../src/store/open-store.ts';
import { WHO } from './support/domain-setup.ts';
import { CONTRACT, OPENING_BALANCE, setupPaymentWorld, type PaymentWorld } from './support/payment-world.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';

const RESERVATIONS = 20;
const DAY_MS = 24 * 3_600_000;

/** A world whose user01 has authorised RESERVATIONS transfers of ¥1,000 for tomorrow, and a second instance. */
async function reservedWorld(url: string, separatePools: boolean): Promise<{ w: PaymentWorld; second: DomainDeps }> {
  const w = await setupPaymentWorld(['user01'], url);
  await w.deps.store.transaction((tx) => setTransferLimits(tx, WHO, w.now(), { contractId: CONTRACT, perPaymentYen: 10n ** 9n, dailyYen: 10n ** 10n }));
  const token = await w.register('user01', '10000000000011');
  for (let i = 0; i < RESERVATIONS; i++) {
    const draftId = await w.draft('user01', 1_000n, w.transfer({ transferDate: '2026-11-25' }));
    const r = await w.authorise('user01', draftId, { kind: 'otp', code: token.code() });
    assert.ok(r.ok && 'reservation' in r);
    w.advance(30_000);
  }
  w.advance(DAY_MS);
  const second: DomainDeps = separatePools ? { ...w.deps, store: await openStore(url) } : w.deps;
  return { w, second };
}

/**
 * `separatePools`: the second runner gets a store of its own, as a second server instance would. Not on SQLite
 * in one thread: a connection's busy-wait for the file lock would block the other connection's event loop
 * (two-connections.test.ts runs instances in workers for that); there both runners share one instance.
 */
function runners(name: string, url: () => Promise<string>, separatePools: boolean, onDone?: () => void): void {
  describe(`reservation runners on ${name}`, () => {
    after(() => onDone?.());

    test(`two runners running at once execute each of ${RESERVATIONS} reservations exactly once`, async () => {
      const { w, second } = await reservedWorld(await url(), separatePools);
      try {
        const [a, b] = await Promise.all([
          runDueReservations(w.deps, { runnerId: 'instance-a', batchSize: 3 }),
          runDueReservations(second, { runnerId: 'instance-b', batchSize: 3 }),
        ]);
        assert.equal(a.executed + b.executed, RESERVATIONS, JSON.stringify([a, b]));
        assert.equal(a.failed + b.failed + a.errors + b.errors, 0);
        assert.equal((await w.history()).length, RESERVATIONS);
        assert.equal(await w.balance(), OPENING_BALANCE - BigInt(RESERVATIONS) * 1_000n);
        assert.equal(await w.deps.store.transaction((tx) => tx.transferLimits.usedOn(CONTRACT, tokyoDate(w.now()))), BigInt(RESERVATIONS) * 1_000n);
        const executed = (await w.audit()).filter((e) => e.action === 'reservation.execute' && e.outcome === 'done');
        assert.equal(new Set(executed.map((e) => JSON.parse(e.detail).reservation)).size, RESERVATIONS);
      } finally {
        if (second !== w.deps) await second.store.close();
        await w.close();
      }
    });

    test('reservations claimed by an instance that died are executed by another once the lease has run out', async () => {
      const { w, second } = await reservedWorld(await url(), separatePools);
      try {
        const nowMs = w.now();
        // The first instance claims everything, then dies before executing anything.
        const claimed = await w.deps.store.transaction((tx) => tx.reservations.claimDue({ today: tokyoDate(nowMs), nowMs, runnerId: 'dead', leaseUntilMs: nowMs + 60_000, limit: 100 }));
        assert.equal(claimed.length, RESERVATIONS);
        assert.deepEqual(await runDueReservations(second, { runnerId: 'instance-b' }), { executed: 0, failed: 0, takenOver: 0, errors: 0 });
        w.advance(60_000);
        assert.deepEqual(await runDueReservations(second, { runnerId: 'instance-b' }), { executed: RESERVATIONS, failed: 0, takenOver: 0, errors: 0 });
        assert.equal((await w.history()).length, RESERVATIONS);
      } finally {
        if (second !== w.deps) await second.store.close();
        await w.close();
      }
    });
  });
}

runners('SQLite (a file)', async () => join(mkdtempSync(join(tmpdir(), 'bizotp-runners-')), 'db.sqlite'), false);

if (POSTGRES_URL !== undefined) {
  let n = 0;
  runners('PostgreSQL (two instances, each with its own pool)', () => freshPostgresDatabase(`runners_${process.pid}_${n++}`), true, markPostgresSuiteRan);
} else {
  test('reservation runners on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
