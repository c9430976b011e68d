// parseSeedFile: detects the format from the first bytes, then streams the whole input through
// parsePskc or parseCsv. The bytes read for detection are replayed, not re-read. This is the entry point
// for every file an operator imports, so it applies the operator's choices: plaintext refused unless
// allowed, a signature verified when a signer is named, and a file that yields no token refused.
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { parseCsv } from './csv.ts';
import { detectFormat, type SeedFormat } from './detect.ts';
import { parsePskc, type PskcOptions } from './pskc.ts';
import { parseSignedPskc, type SignerOptions } from './signed-pskc.ts';
import type { SeedInput } from './text-stream.ts';

export interface SeedFileOptions extends Omit<PskcOptions, 'plaintextSecrets'> {
  /** Unencrypted secrets (PSKC PlainValue, every CSV file) are refused unless this is true. */
  readonly allowPlaintext?: boolean;
  /** Verify the PSKC file's XML signature with this signer (RFC 6030 §7). */
  readonly signer?: SignerOptions;
}

export async function* parseSeedFile(input: SeedInput, opts: SeedFileOptions = {}): AsyncGenerator<ImportedKey> {
  let count = 0;
  for await (const key of parseDetected(input, opts)) {
    count++;
    yield key;
  }
  // An empty container, a pre-RFC file read as nothing, or only PIN packages: never "done, 0 imported".
  if (count === 0) throw new ImportError('no_tokens');
}

async function* parseDetected(input: SeedInput, opts: SeedFileOptions): AsyncGenerator<ImportedKey> {
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
    if (format === 'csv') {
      // A CSV file has no place for a signature and carries its secrets in clear by definition.
      if (opts.signer?.requireSignature === true) throw new ImportError('signature_missing', {}, 'CSV');
      if (opts.allowPlaintext !== true) throw new ImportError('plaintext_not_allowed', {}, 'CSV');
      yield* parseCsv(replay);
      return;
    }
    const pskcOpts: PskcOptions = { ...opts, plaintextSecrets: opts.allowPlaintext === true ? 'allow' : 'refuse' };
    yield* opts.signer === undefined ? parsePskc(replay, pskcOpts) : parseSignedPskc(replay, opts.signer, pskcOpts);
  } finally {
    await iterator.return?.();
  }
}

function concat(parts: readonly (Buffer | Uint8Array | string)[]): Buffer | string {
  if (parts.every((part) => typeof part === 'string')) return parts.join('');
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
}
