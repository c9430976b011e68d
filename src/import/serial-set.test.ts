import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SerialSet } from './serial-set.ts';

describe('SerialSet', () => {
  it('reports each serial as new once and as a duplicate afterwards, across many table growths', () => {
    const set = new SerialSet();
    for (let i = 0; i < 200_000; i++) assert.equal(set.add(String(10_000_000_000_000 + i)), true);
    assert.equal(set.size, 200_000);
    for (let i = 0; i < 200_000; i += 997) assert.equal(set.add(String(10_000_000_000_000 + i)), false);
    assert.equal(set.add('20000000000000'), true);
  });

  it('tells apart serials that are prefixes of each other and differ only in case', () => {
    const set = new SerialSet();
    for (const serial of ['1', '12', '123', 'ab', 'AB']) assert.equal(set.add(serial), true);
    assert.equal(set.add('12'), false);
  });
});
