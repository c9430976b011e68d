import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashAuditEntry } from './audit-entry-hash.ts';
import type { HotVerifyBatch, HotVerifyOutcome, HotVerifyPort } from './hot-verify-ports.ts';
import { createVerifySequencer, type SequencedCode } from './verify-sequencer.ts';

const HEAD = { seq: 7, hash: 'a'.repeat(64) };

function code(serial: string, contract = 'C1'): SequencedCode {
  return {
    apiKeyHash: 'k', touch: null, serial, counter: 1n, drift: 0, software: false, atMs: 1000,
    event: { chain: contract, actor: 'api:teller', action: 'api.otp.verify', target: `u${serial}`, outcome: 'accepted', detail: { serial } },
  };
}

/** A port whose commits wait until released, answering from `script` (then `committed`). */
function fakePort(script: HotVerifyOutcome[] = []): HotVerifyPort & { batches: HotVerifyBatch[]; release(): void } {
  const batches: HotVerifyBatch[] = [];
  let gates: (() => void)[] = [];
  return {
    auditKeys: undefined,
    batches,
    release() {
      const open = gates;
      gates = [];
      for (const g of open) g();
    },
    read: async () => { throw new Error('not used'); },
    async commit(batch) {
      batches.push(batch);
      await new Promise<void>((resolve) => gates.push(resolve));
      return script.shift() ?? { kind: 'committed' };
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('codes of one contract that arrive while its batch commits go together next, in serial order, chained on the head', async () => {
  const port = fakePort();
  const seq = createVerifySequencer(port);
  const first = seq.submit('C1', code('30'), HEAD);
  const later = ['20', '40', '10'].map((s) => seq.submit('C1', code(s), HEAD));
  await tick();
  assert.equal(port.batches.length, 1, 'the first commits alone; the rest wait for it');
  port.release();
  assert.equal(await first, true);
  await tick();
  const second = port.batches[1];
  assert.deepEqual(second?.items.map((i) => i.serial), ['10', '20', '40']);
  // Each entry follows the one before, from the head the first batch left.
  const items = second?.items ?? [];
  assert.deepEqual(items.map((i) => i.entry.seq), [9, 10, 11]);
  assert.equal(items[0]?.entry.prevHash, port.batches[0]?.items[0]?.entry.hash);
  for (let i = 1; i < items.length; i++) assert.equal(items[i]?.entry.prevHash, items[i - 1]?.entry.hash);
  for (const i of items) {
    const { hash, ...body } = i.entry;
    assert.equal(hash, hashAuditEntry(body));
  }
  port.release();
  assert.deepEqual(await Promise.all(later), [true, true, true]);
});

test('a refused item goes to the transaction path; the others are sealed again without it and commit', async () => {
  const port = fakePort([{ kind: 'committed' }, { kind: 'item_refused', index: 1, reason: 'token_changed' }]);
  const seq = createVerifySequencer(port);
  const blocker = seq.submit('C1', code('0'), HEAD);
  const results = ['1', '2', '3'].map((s) => seq.submit('C1', code(s), HEAD));
  for (let i = 0; i < 3; i++) {
    await tick();
    port.release();
  }
  assert.equal(await blocker, true);
  assert.deepEqual(await Promise.all(results), [true, false, true]);
  assert.deepEqual(port.batches.map((b) => b.items.map((i) => [i.serial, i.entry.seq])), [[['0', 8]], [['1', 9], ['2', 10], ['3', 11]], [['1', 9], ['3', 10]]]);
});

test('a head another process moved: the batch is sealed again on the head it reports', async () => {
  const moved = { seq: 12, hash: 'b'.repeat(64) };
  const port = fakePort([{ kind: 'head_moved', chain: 'C1', head: moved }]);
  const seq = createVerifySequencer(port);
  const result = seq.submit('C1', code('1'), HEAD);
  await tick();
  port.release();
  await tick();
  port.release();
  assert.equal(await result, true);
  assert.deepEqual(port.batches.map((b) => [b.items[0]?.entry.seq, b.items[0]?.entry.prevHash]), [[8, HEAD.hash], [13, moved.hash]]);
});

test('a second code of the same token in one batch goes to the transaction path at once', async () => {
  const port = fakePort();
  const seq = createVerifySequencer(port);
  const blocker = seq.submit('C1', code('9'), HEAD);
  const twice = [seq.submit('C1', code('5'), HEAD), seq.submit('C1', code('5'), HEAD)];
  await tick();
  port.release();
  await blocker;
  await tick();
  port.release();
  assert.deepEqual(await Promise.all(twice), [true, false]);
});

test('a chain without a head starts as lockHead starts one: its first entry is seq 1 after the empty hash', async () => {
  const port = fakePort();
  const seq = createVerifySequencer(port);
  const blocker = seq.submit('C1', code('9'), HEAD);
  const fresh = [seq.submit('C2', code('1', 'C2'), undefined), seq.submit('C2', code('2', 'C2'), undefined)];
  await tick();
  port.release();
  await blocker;
  await tick();
  port.release();
  assert.deepEqual(await Promise.all(fresh), [true, true]);
  const batch = port.batches[1]?.items ?? [];
  assert.deepEqual(batch.map((i) => [i.entry.chain, i.entry.seq, i.entry.prevHash]), [['C2', 1, ''], ['C2', 2, batch[0]?.entry.hash]]);
});

test('the codes of every contract that arrive while a batch commits share the next one, each chained on its own head', async () => {
  const port = fakePort();
  const seq = createVerifySequencer(port);
  const c5Head = { seq: 40, hash: 'c'.repeat(64) };
  const first = seq.submit('C1', code('1'), HEAD);
  await tick();
  assert.deepEqual(port.batches.map((b) => b.items.map((i) => i.entry.chain)), [['C1']]);
  const together = [seq.submit('C5', code('5', 'C5'), c5Head), seq.submit('C2', code('2', 'C2'), HEAD), seq.submit('C1', code('3'), HEAD)];
  await tick();
  assert.equal(port.batches.length, 1, 'one batch in flight at a time');
  port.release();
  assert.equal(await first, true);
  await tick();
  assert.deepEqual(port.batches[1]?.items.map((i) => [i.entry.chain, i.entry.seq, i.entry.prevHash]), [
    ['C2', 8, HEAD.hash], // in serial order: '2', '3', '5'
    ['C1', 9, port.batches[0]?.items[0]?.entry.hash],
    ['C5', 41, c5Head.hash],
  ]);
  port.release();
  assert.deepEqual(await Promise.all(together), [true, true, true]);
});
