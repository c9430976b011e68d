// The worker thread of seed-file-thread.ts: reads a seed file from disk through parseSeedFile and posts its
// keys to the thread that imports them, a batch at a time, at most WINDOW batches ahead of what that thread
// has taken. The bytes read are counted and hashed here, so the caller learns the file's SHA-256 without
// reading it twice.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportedKey } from './imported-key.ts';
import { parseSeedFile, type SeedFileOptions } from './parse-seed-file.ts';
import { type KeyBatch, type ThreadedOptions, type WorkerMessage, packError, SEED_BATCH_KEYS, SEED_BATCH_WINDOW } from './seed-file-thread-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('seed-file-worker.ts runs as a worker thread');
const { path, opts: threaded } = workerData as { readonly path: string; readonly opts: ThreadedOptions };
const { preSharedKey: sentKey, ...opts } = threaded;

// Structured clone hands Buffers over as plain Uint8Arrays; the parsers take Buffers.
const asBuffer = (bytes: Uint8Array | undefined): Buffer | undefined => (bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
const preSharedKey = asBuffer(sentKey);

let credit = SEED_BATCH_WINDOW;
let resume: (() => void) | null = null;
port.on('message', (message: 'more') => {
  if (message !== 'more') return;
  credit += 1;
  resume?.();
  resume = null;
});

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/**
 * One batch as metadata and one ArrayBuffer of every secret end to end, transferred, not copied. A secret
 * is never posted as its own Buffer: cloning a view clones its whole ArrayBuffer, and a small Buffer is a
 * view into an 8 KiB pool shared with other bytes.
 */
function pack(keys: ImportedKey[], bytesRead: number): { batch: KeyBatch; transfer: ArrayBuffer[] } {
  const secrets = new Uint8Array(keys.reduce((sum, key) => sum + key.secret.length, 0));
  let at = 0;
  const meta = keys.map(({ secret, ...rest }) => {
    secrets.set(secret, at);
    at += secret.length;
    secret.fill(0);
    return { ...rest, secretLength: secret.length };
  });
  return { batch: { kind: 'keys', keys: meta, secrets: secrets.buffer, bytesRead }, transfer: [secrets.buffer] };
}

async function run(): Promise<void> {
  const hash = createHash('sha256');
  let bytesRead = 0;
  async function* read(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(path)) {
      bytesRead += (chunk as Buffer).length;
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  const parserOpts: SeedFileOptions = {
    ...opts,
    ...(preSharedKey === undefined ? {} : { preSharedKey }),
    onWarning: (warning) => post({ kind: 'warning', warning }),
  };
  let keys: ImportedKey[] = [];
  const flush = async (): Promise<void> => {
    while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
    credit -= 1;
    const { batch, transfer } = pack(keys, bytesRead);
    keys = [];
    post(batch, transfer);
  };
  for await (const key of parseSeedFile(read(), parserOpts)) {
    keys.push(key);
    if (keys.length >= SEED_BATCH_KEYS) await flush();
  }
  if (keys.length > 0) await flush();
  post({ kind: 'done', bytesRead, sha256: hash.digest('hex') });
}

try {
  await run();
} catch (err) {
  post({ kind: 'error', error: packError(err) });
} finally {
  preSharedKey?.fill(0);
  port.unref(); // nothing more to send: the thread ends once its messages are out
}
