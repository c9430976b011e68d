// parseSeedFile: detects the format from the first bytes, then streams the whole input through
// parsePskc or parseCsv. The bytes read for detection are replayed, not re-read.
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { parseCsv } from './csv.ts';
import { detectFormat, type SeedFormat } from './detect.ts';
import { parsePskc, type PskcOptions } from './pskc.ts';
import type { SeedInput } from './text-stream.ts';

export async function* parseSeedFile(input: SeedInput, opts: PskcOptions = {}): AsyncGenerator<ImportedKey> {
  const iterator = input[Symbol.asyncIterator]();
  const head: (Buffer | Uint8Array | string)[] = [];
  let format: SeedFormat | null = null;
  try {
    while (format === null) {
      const next = await iterator.next();
      if (next.done === true) throw new ImportError('unknown_format', {}, 'empty file');
      head.push(next.value);
      format = detectFormat(concat(head));
    }
    const replay = (async function* (): AsyncGenerator<Buffer | Uint8Array | string> {
      yield* head;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    })();
    yield* format === 'pskc' ? parsePskc(replay, opts) : parseCsv(replay);
  } finally {
    await iterator.return?.();
  }
}

function concat(parts: readonly (Buffer | Uint8Array | string)[]): Buffer | string {
  if (parts.every((part) => typeof part === 'string')) return parts.join('');
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}
