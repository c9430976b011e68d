// The address a throttle counts by. One client has one key however it spells its address: an IPv4-mapped
// IPv6 address is its IPv4 address, and an IPv6 address counts by its /64 (a subscriber usually holds a whole
// /64, so counting /128s would give one client 2^64 buckets).
import { isIPv4, isIPv6 } from 'node:net';

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right];
}

/** `ip` as a throttle's source key: IPv4 as it is, IPv6 as its /64 prefix; anything else unchanged. */
export function sourceKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(bare) || !isIPv6(bare) || bare.includes('.')) return bare;
  const groups = expandIPv6(bare).slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
  return `${groups.join(':')}::/64`;
}
