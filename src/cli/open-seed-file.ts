// Chooses the parser for a seed file from its first bytes: XML (PSKC) or CSV.

import type { Readable } from 'node:stream';
import type { IncomingToken } from '../domain/import-tokens.ts';
import { parseCsv } from '../import/csv.ts';
import { parsePskc } from '../import/pskc.ts';

export async function openSeedFile(input: Readable, keys: { preSharedKey?: Buffer; passphrase?: string }): Promise<AsyncIterable<IncomingToken>> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  const head: Buffer[] = first.done === true ? [] : [Buffer.from(first.value as Buffer)];
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield Buffer.from(next.value as Buffer);
  }
  const text = (head[0] ?? Buffer.alloc(0)).subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('<') ? parsePskc(replay(), keys) : parseCsv(replay());
}
