// A PSKC file checked against its signer before any key is read. Verifying an enveloped signature needs the
// whole document in memory (xml-crypto works on a DOM), so signed files have a size limit; unsigned files
// without --signer-cert keep streaming with flat memory (parsePskc).
import type { KeyObject } from 'node:crypto';
import { SaxesParser } from 'saxes';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { importWarning } from './import-warning.ts';
import { parsePskc, type PskcOptions } from './pskc.ts';
import { verifyPskcSignature } from './pskc-signature.ts';
import { decodeUtf8, type SeedInput } from './text-stream.ts';

/**
 * 2 MiB, about 2,900 encrypted tokens. xml-crypto's verification grows faster than the file (its XPath node
 * sets order siblings by walking them): a 2 MiB file took 9 s of CPU and 345 MiB, a 4 MiB one over 50 s, a
 * 58 MiB one did not finish in 14 minutes at 3 GB (README.md).
 */
export const MAX_SIGNED_FILE_BYTES = 2 * 1024 * 1024;

export interface SignerOptions {
  /** The signer's RSA public key (signer-key.ts), from the certificate the operator gave. */
  readonly signerKey: KeyObject;
  /** Refuse a file without a signature (signature_missing) instead of importing it with a warning. */
  readonly requireSignature: boolean;
}

export async function* parseSignedPskc(input: SeedInput, signer: SignerOptions, opts: PskcOptions): AsyncGenerator<ImportedKey> {
  const xml = await readWhole(input);
  checkWellFormed(xml);
  const signed = verifyPskcSignature(xml, signer.signerKey);
  if (signed === null) {
    if (signer.requireSignature) throw new ImportError('signature_missing');
    opts.onWarning?.(importWarning('unsigned_file'));
    yield* parsePskc(pieces(xml), opts);
    return;
  }
  // The canonical form has no XML declaration: the declared encoding is checked here instead.
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) throw new ImportError('bad_encoding', {}, `encoding=${declared}`);
  yield* parsePskc(pieces(signed), opts);
}

/**
 * The streaming parser's verdict on the file as received: xmldom (under the verifier) tolerates what XML
 * forbids, e.g. "--" inside a comment, and a file the unsigned path refuses must not pass because it is signed.
 */
function checkWellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('doctype', () => {
    throw new ImportError('dtd_forbidden');
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('bad_xml', { line: parser.line }, error instanceof Error ? error.message.slice(0, 200) : String(error));
  }
}

async function readWhole(input: SeedInput): Promise<string> {
  let bytes = 0;
  async function* limited(): AsyncGenerator<Buffer | Uint8Array | string> {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > MAX_SIGNED_FILE_BYTES) throw new ImportError('signed_file_too_large', {}, `more than ${MAX_SIGNED_FILE_BYTES} bytes`);
      yield chunk;
    }
  }
  const parts: string[] = [];
  for await (const text of decodeUtf8(limited())) parts.push(text);
  return parts.join('');
}

/** In pieces, so the parser hands keys on as it goes instead of holding every key of one huge chunk. */
async function* pieces(text: string, size = 1 << 16): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
