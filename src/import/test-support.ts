// Helpers shared by this folder's tests (not used by the parsers).
import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Reads a fixture in small chunks, so element, entity and UTF-8 boundaries fall inside chunks. */
export function fixture(relativePath: string, chunkBytes = 61): AsyncIterable<Buffer> {
  return createReadStream(FIXTURES + relativePath, { highWaterMark: chunkBytes });
}

export async function* chunks(text: string | Buffer, size = 50): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function collect(keys: AsyncIterable<ImportedKey>): Promise<ImportedKey[]> {
  const all: ImportedKey[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

/** The ImportError a parse ends with; fails the test when the parse succeeds or throws anything else. */
export async function failure(keys: AsyncIterable<ImportedKey>): Promise<ImportError> {
  try {
    await collect(keys);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError, but the file was accepted');
}

/** RFC 4226 §5.3, for checking imported secrets against the RFCs' published codes. */
export function hotp(secret: Buffer, counter: bigint, digits: number, hash = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(hash, secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** Deterministic bytes for generated files, so a failing test can be replayed. */
export function seededRandom(seed: string): (size: number) => Buffer {
  let block = 0;
  return (size) => {
    const parts: Buffer[] = [];
    for (let have = 0; have < size; have += 32) parts.push(createHash('sha256').update(`${seed}:${block++}`).digest());
    return Buffer.concat(parts).subarray(0, size);
  };
}

export const RFC_SECRET = Buffer.from('12345678901234567890');
export const FIGURE6_KEY = Buffer.from('12345678901234567890123456789012', 'hex');
