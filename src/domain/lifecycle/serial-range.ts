// トークン発行 by serial range: the serials from `first` to `last` inclusive, counted as decimal numbers of
// the same length (the seed's serials are 14 digits; leading zeros are kept).

import { fail, type Failure } from '../error-codes.ts';

/** One operation issues at most this many tokens, so a typo in a range cannot hand out a whole shipment. */
export const MAX_TOKENS_PER_ISSUE = 1000;

export type SerialRange = { readonly ok: true; readonly serials: readonly string[] } | Failure<'bad_format' | 'too_many_tokens'>;

export function serialRange(first: string, last?: string): SerialRange {
  if (last === undefined || last === first) return { ok: true, serials: [first] };
  if (!/^[0-9]+$/.test(first) || !/^[0-9]+$/.test(last) || first.length !== last.length) return fail('bad_format', 'toSerial');
  const from = BigInt(first);
  const to = BigInt(last);
  if (to < from) return fail('bad_format', 'toSerial');
  if (to - from + 1n > BigInt(MAX_TOKENS_PER_ISSUE)) return fail('too_many_tokens', 'toSerial');
  const serials: string[] = [];
  for (let n = from; n <= to; n++) serials.push(n.toString().padStart(first.length, '0'));
  return { ok: true, serials };
}
