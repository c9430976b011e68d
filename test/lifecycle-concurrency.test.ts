// The bank's lifecycle actions under parallel requests, on SQLite and PostgreSQL: overlapping issues never
// hand a token out twice or half a range, and one pair of codes resynchronises a token once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { issueTokens } from '../src/domain/lifecycle/issue-tokens.ts';
import { resyncToken } from '../src/domain/lifecycle/resync-token.ts';
import { staffActor } from '../src/domain/staff-actor.ts';
import { setupWorld, type World } from './support/domain-setup.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';

const C1 = '10000000001';
const C2 = '10000000002';
const STAFF = staffActor('sato', '並行操作の確認', '192.0.2.10');

function cases(name: string, open: () => Promise<World>): void {
  describe(name, () => {
    test('parallel issues of overlapping ranges: each token goes to one contract, and a refused range issues nothing', async (t) => {
      const w = await open();
      t.after(() => w.close());
      await w.contract(C1);
      await w.contract(C2);
      for (let i = 1; i <= 6; i++) await w.token(`3000000000000${i}`, { contractId: null });
      const [a, b] = await Promise.all([
        issueTokens(w.deps, STAFF, { contractId: C1, fromSerial: '30000000000001', toSerial: '30000000000004' }),
        issueTokens(w.deps, STAFF, { contractId: C2, fromSerial: '30000000000003', toSerial: '30000000000006' }),
      ]);
      assert.equal([a, b].filter((r) => r.ok).length, 1, 'exactly one of the overlapping ranges was issued');
      const owners = await w.deps.store.transaction(async (tx) => {
        const out: (string | null)[] = [];
        for (let i = 1; i <= 6; i++) out.push((await tx.tokens.get(`3000000000000${i}`))?.contractId ?? null);
        return out;
      });
      assert.deepEqual(owners, a.ok ? [C1, C1, C1, C1, null, null] : [null, null, C2, C2, C2, C2]);
    });

    test('one pair of codes sent in parallel resynchronises the token exactly once', async (t) => {
      const w = await open();
      t.after(() => w.close());
      await w.contract(C1);
      const token = await w.token('40000000000001', { contractId: C1, status: 'registered' });
      const results = await Promise.all(Array.from({ length: 6 }, () => resyncToken(w.deps, STAFF, { serial: token.serial, firstCode: token.code(20), secondCode: token.code(21) })));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.deepEqual(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)), Array(5).fill('otp_replayed'));
    });
  });
}

cases('SQLite', () => setupWorld());
if (POSTGRES_URL !== undefined) {
  let n = 0;
  cases('PostgreSQL', async () => setupWorld(await freshPostgresDatabase(`lifecycle_${process.pid}_${n++}`)));
  test('the PostgreSQL lifecycle concurrency suite ran', () => markPostgresSuiteRan());
} else {
  test('lifecycle concurrency on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
