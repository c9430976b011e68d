import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bothStores } from '../../test/support/both-stores.ts';
import { setupWorld, START_MS } from '../../test/support/domain-setup.ts';
import { createLeasedThrottleGate, leaseSize } from './throttle-leases.ts';

const MINUTE = 60_000;
const W = Math.floor(START_MS / MINUTE) * MINUTE;

for (const choice of bothStores('throttle_leases')) {
  describe(`leased throttles on ${choice.name}`, () => {
    it('two instances admitting in parallel never pass the limit together, and a lease serves many requests with one statement', async (t) => {
      const w = await setupWorld(await choice.url());
      t.after(() => w.close());
      const limit = 1000; // leases of 10
      assert.equal(leaseSize(limit), 10);
      const gates = [createLeasedThrottleGate(w.deps.store), createLeasedThrottleGate(w.deps.store)];
      const throttle = [{ bucket: 'api:key:x', limit, windowMs: MINUTE }];
      const decisions = await Promise.all(Array.from({ length: 1200 }, (_, i) => gates[i % 2]!.pass(throttle, W + 1000)));
      const admitted = decisions.filter((d) => d.ok).length;
      assert.ok(admitted <= limit, `admitted ${admitted}`);
      assert.ok(admitted >= limit - 2 * (leaseSize(limit) - 1), `admitted ${admitted}: at most one lease's remainder lost per instance`);
      const stored = await w.deps.store.transaction((tx) => tx.throttle.hit('api:key:x', W, limit + 100));
      assert.ok(stored.counted && stored.hits - 1 <= limit, 'the database never counted more than the limit');
      const refused = decisions.find((d) => !d.ok);
      assert.deepEqual(refused, { ok: false, retryAfterSeconds: 59 });
      assert.equal((await gates[0]!.pass(throttle, W + MINUTE)).ok, true, 'the next window opens again');
    });

    it('a small limit is counted exactly, one attempt at a time', async (t) => {
      const w = await setupWorld(await choice.url());
      t.after(() => w.close());
      const gates = [createLeasedThrottleGate(w.deps.store), createLeasedThrottleGate(w.deps.store)];
      const throttle = [{ bucket: 'api:key:slow', limit: 3, windowMs: MINUTE }];
      const oks = [];
      for (let i = 0; i < 6; i++) oks.push((await gates[i % 2]!.pass(throttle, W + 5000)).ok);
      assert.deepEqual(oks, [true, true, true, false, false, false]);
    });
  });
}
