// parsePskc: a streaming reader for RFC 6030 (PSKC) seed files. It yields each key as its </KeyPackage>
// closes and throws an ImportError at the first problem; the caller must then discard everything it
// received (one transaction for the whole file), because a MAC mismatch or a duplicate may come last.
import type { DecryptionOptions } from './container-keys.ts';
import type { ImportedKey } from './imported-key.ts';
import type { PskcPolicyOptions } from './pskc-policy.ts';
import { PskcReader } from './pskc-reader.ts';
import { decodeUtf8, type SeedInput } from './text-stream.ts';

export type PskcOptions = DecryptionOptions & PskcPolicyOptions;

export async function* parsePskc(input: SeedInput, opts: PskcOptions = {}): AsyncGenerator<ImportedKey> {
  const reader = new PskcReader(opts);
  for await (const text of decodeUtf8(input)) {
    yield* reader.write(text);
  }
  yield* reader.end();
}
