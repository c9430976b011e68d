// Parallel transactions against one row: the store-ports.ts concurrency contract. On PostgreSQL each
// transaction runs on its own pooled connection, so a check-then-set implementation (read last_counter or
// the failure count into JavaScript, then write unconditionally) lets several of them win and fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendNext } from './audit-session-cases.ts';
import { CONTRACT_ID } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const PARALLEL = 50;

const countTrue = (results: readonly boolean[]): number => results.filter(Boolean).length;

export function concurrencyCases(open: OpenStore): void {
  test('50 parallel transactions that each reserve an attempt and consume one code accept it exactly once', async (t) => {
    // security.md: 50 parallel submissions of one code → exactly one acceptance.
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('X0000001', { contractId: CONTRACT_ID, status: 'registered' });
    const results = await s.parallel(PARALLEL, async (tx) => {
      const token = await tx.tokens.beginAttempt('X0000001', ['registered'], 1000);
      return token !== undefined && (await tx.tokens.consume('X0000001', 1000n, 0));
    });
    assert.equal(countTrue(results), 1);
    assert.equal((await s.tx((tx) => tx.tokens.get('X0000001')))?.lastCounter, 1000n);
  });

  test('50 parallel consumes of one code, each after reading the token, accept it exactly once', async (t) => {
    // No attempt row lock first: the conditional UPDATE alone must decide, as ASVS 11.1.6 asks.
    const s = await setup(t, open);
    await s.token('X0000002', { status: 'registered' });
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      const token = await tx.tokens.get('X0000002');
      await meet();
      return token?.lastCounter === null && (await tx.tokens.consume('X0000002', 77n, 0));
    });
    assert.equal(countTrue(results), 1);
  });

  test('50 parallel attempts with at most 5 failures evaluate exactly 5', async (t) => {
    // security.md: 50 parallel wrong codes → at most 5 evaluated (RFC 4226 §7.3, PSD2 RTS Art. 4(3)(b)).
    const s = await setup(t, open);
    await s.token('X0000003', { status: 'registered' });
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      await meet();
      return (await tx.tokens.beginAttempt('X0000003', ['registered'], 5)) !== undefined;
    });
    assert.equal(countTrue(results), 5);
    assert.equal((await s.tx((tx) => tx.tokens.get('X0000003')))?.consecutiveFailures, 5);
  });

  test('50 parallel confirm-PIN attempts with at most 5 failures evaluate exactly 5', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const meet = s.overlap();
    const results = await s.parallel(PARALLEL, async (tx) => {
      await meet();
      return (await tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 5)) !== undefined;
    });
    assert.equal(countTrue(results), 5);
  });

  test('parallel appends to one audit chain, new or existing, give seq 1..N with no gap or fork', async (t) => {
    const s = await setup(t, open);
    const meet = s.overlap();
    const entries = await s.parallel(PARALLEL, async (tx, i) => {
      await meet();
      return appendNext(tx, 'bank', `action-${i}`);
    });
    assert.deepEqual(entries.map((e) => e.seq).sort((a, b) => a - b), Array.from({ length: PARALLEL }, (_, i) => i + 1));
    const stored = await s.tx((tx) => tx.audit.entries('bank'));
    assert.deepEqual(stored.map((e) => e.seq), Array.from({ length: PARALLEL }, (_, i) => i + 1));
    for (const [i, entry] of stored.entries()) assert.equal(entry.prevHash, i === 0 ? '' : stored[i - 1]?.hash);
    assert.deepEqual(await s.tx((tx) => tx.audit.lockHead('bank')), { seq: PARALLEL, hash: stored.at(-1)?.hash });
  });
}
