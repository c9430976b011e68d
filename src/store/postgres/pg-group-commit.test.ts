// PostgreSQL group commit (pg-group-commit.ts): grouped transactions share COMMITs, each is answered only
// after its COMMIT, one that throws is rolled back alone, and plain transactions still run beside them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendAudit } from '../../domain/audit.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../../../test/support/postgres.ts';
import { aContract, CONTRACT_ID, T0_MS } from '../conformance/fixtures.ts';
import { openStore } from '../open-store.ts';

const skip = POSTGRES_URL === undefined ? 'BIZOTP_TEST_POSTGRES_URL is not set' : false;

test('grouped transactions commit together, each in order on its chain, and one that throws leaves no trace', { skip }, async (t) => {
  markPostgresSuiteRan();
  const sizes: number[] = [];
  const store = await openStore(await freshPostgresDatabase('pg_group_commit'), { groupCommit: true, observer: { groupCommitted: (n) => sizes.push(n) } });
  t.after(() => store.close());
  await store.transaction((tx) => tx.contracts.insert(aContract()));
  const grouped = store.groupedTransaction;
  assert.ok(grouped !== undefined);
  const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => grouped.call(store, async (tx) => {
    await appendAudit(tx, T0_MS + i, { chain: CONTRACT_ID, actor: 'test', action: 'grouped', target: String(i), outcome: 'ok' });
    if (i === 7) throw new Error('task 7 fails');
    return i;
  })));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 39);
  assert.equal((results[7] as PromiseRejectedResult).reason.message, 'task 7 fails');
  const entries = await store.transaction((tx) => tx.audit.entries(CONTRACT_ID));
  assert.deepEqual(entries.map((e) => e.seq), Array.from({ length: 39 }, (_, i) => i + 1), 'no gap, no fork');
  assert.ok(!entries.some((e) => e.target === '7'), 'the failed task was rolled back to its savepoint');
  assert.equal(sizes.reduce((a, b) => a + b, 0), 40);
  assert.ok(sizes.length < 40, `fewer COMMITs than transactions: ${sizes.join(',')}`);
  for (let i = 0; i < entries.length; i++) assert.equal(entries[i]!.prevHash, i === 0 ? '' : entries[i - 1]!.hash);
});
