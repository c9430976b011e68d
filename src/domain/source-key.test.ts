import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceKey } from './source-key.ts';

test('an IPv4 address is its own source key, also when spelt as an IPv4-mapped IPv6 address', () => {
  assert.equal(sourceKey('203.0.113.7'), '203.0.113.7');
  assert.equal(sourceKey('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(sourceKey('::FFFF:203.0.113.7'), '203.0.113.7');
});

test('IPv6 addresses count by their /64, however they are spelt', () => {
  assert.equal(sourceKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(sourceKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
  assert.equal(sourceKey('2001:DB8:1:2:a::b'), '2001:db8:1:2::/64');
  assert.notEqual(sourceKey('2001:db8:1:3::1'), sourceKey('2001:db8:1:2::1'));
  assert.equal(sourceKey('::1'), '0:0:0:0::/64');
});

test('anything that is not an address is kept as it is', () => {
  assert.equal(sourceKey('test'), 'test');
});
