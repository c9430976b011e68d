// ThrottleStore: fixed-window buckets counted by one conditional upsert, shared by every connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const W0 = 1_800_000_000_000;
const MINUTE = 60_000;

export function throttleCases(open: OpenStore): void {
  test('hit counts attempts in a window up to the limit, then refuses without counting', async (t) => {
    const s = await setup(t, open);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await s.tx((tx) => tx.throttle.hit('b:one', W0, 3)));
    assert.deepEqual(hits, [
      { counted: true, hits: 1, earlierHits: 0 },
      { counted: true, hits: 2, earlierHits: 0 },
      { counted: true, hits: 3, earlierHits: 0 },
      { counted: false },
    ]);
  });

  test('a later window starts over at 1 and keeps the count of the window before it', async (t) => {
    const s = await setup(t, open);
    for (let i = 0; i < 5; i++) await s.tx((tx) => tx.throttle.hit('b:two', W0, 3));
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:two', W0 + MINUTE, 3)), { counted: true, hits: 1, earlierHits: 3 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:two', W0 + MINUTE, 3)), { counted: true, hits: 2, earlierHits: 3 });
  });

  test('an instance whose clock is behind counts in the stored later window instead of moving it back', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.throttle.hit('b:skew', W0 + MINUTE, 2));
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:skew', W0, 2)), { counted: true, hits: 2, earlierHits: 0 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:skew', W0, 2)), { counted: false });
  });

  test('buckets are counted apart', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.throttle.hit('b:a', W0, 1));
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:a', W0, 1)), { counted: false });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:b', W0, 1)), { counted: true, hits: 1, earlierHits: 0 });
  });

  test('parallel attempts on one bucket never count more than the limit (no check-then-set)', async (t) => {
    const s = await setup(t, open);
    const meet = s.overlap();
    const results = await s.parallel(12, async (tx) => {
      await meet();
      return tx.throttle.hit('b:race', W0, 5);
    });
    assert.equal(results.filter((r) => r.counted).length, 5);
    const numbers = results.flatMap((r) => (r.counted ? [r.hits] : [])).sort((a, b) => a - b);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5], 'each counted attempt got a place of its own');
  });

  test('prune deletes only the buckets whose window began before the cut', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.throttle.hit('b:old', W0, 5));
    await s.tx((tx) => tx.throttle.hit('b:new', W0 + MINUTE, 5));
    assert.equal(await s.tx((tx) => tx.throttle.prune(W0 + MINUTE)), 1);
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:old', W0, 5)), { counted: true, hits: 1, earlierHits: 0 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:new', W0 + MINUTE, 5)), { counted: true, hits: 2, earlierHits: 0 });
  });

  test('hitMany counts n attempts at once only while all n fit, never past the limit, and a later window starts over at n', async (t) => {
    const s = await setup(t, open);
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0, 10, 4)), { counted: true, hits: 4, earlierHits: 0 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0, 10, 4)), { counted: true, hits: 8, earlierHits: 0 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0, 10, 4)), { counted: false }, '12 would pass the limit');
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0, 10, 2)), { counted: true, hits: 10, earlierHits: 0 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:many', W0, 10)), { counted: false });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0 + MINUTE, 10, 3)), { counted: true, hits: 3, earlierHits: 10 });
    assert.deepEqual(await s.tx((tx) => tx.throttle.hitMany('b:many', W0 + MINUTE, 10, 11)), { counted: false }, 'more than the limit is never counted');
  });

  test('parallel hitMany never count more than the limit between them', async (t) => {
    const s = await setup(t, open);
    const results = await Promise.all(Array.from({ length: 12 }, () => s.tx((tx) => tx.throttle.hitMany('b:race', W0, 20, 3))));
    assert.equal(results.filter((r) => r.counted).length, 6);
    assert.deepEqual(await s.tx((tx) => tx.throttle.hit('b:race', W0, 20)), { counted: true, hits: 19, earlierHits: 0 });
  });
}
