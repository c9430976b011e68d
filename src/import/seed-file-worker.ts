// The worker thread of seed-file-thread.ts: reads a seed file from disk through parseSeedFile and posts its
// keys to the thread that imports them, a batch at a time, at most SEED_BATCH_WINDOW batches ahead of what
// that thread has taken. The bytes read are counted and hashed here, so the caller learns the file's SHA-256
// without reading it twice. Told to stop, it wipes the key and the secrets it still holds, then ends.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportedKey } from './imported-key.ts';
import type { ImportWarning } from './import-warning.ts';
import { parseSeedFile, type SeedFileOptions } from './parse-seed-file.ts';
import { type KeyBatch, type ParentMessage, type PlacedWarning, type ThreadedOptions, type WorkerMessage, packError, SEED_BATCH_KEYS, SEED_BATCH_WINDOW } from './seed-file-thread-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('seed-file-worker.ts runs as a worker thread');
const { path, opts: threaded } = workerData as { readonly path: string; readonly opts: ThreadedOptions };
const { preSharedKey: sentKey, ...opts } = threaded;

// The key arrives as a transferred Uint8Array of its own; the parsers take Buffers.
const preSharedKey = sentKey === undefined ? undefined : Buffer.from(sentKey.buffer, sentKey.byteOffset, sentKey.byteLength);

/** Parsed and not yet posted, in file order: keys, and the warnings raised between them. */
let keys: ImportedKey[] = [];
let warnings: PlacedWarning[] = [];

function wipe(): void {
  preSharedKey?.fill(0);
  for (const key of keys) key.secret.fill(0);
  keys = [];
}

let credit = SEED_BATCH_WINDOW;
let resume: (() => void) | null = null;
port.on('message', (message: ParentMessage) => {
  if (message === 'stop') {
    wipe();
    process.exit(0); // ends this thread only
  }
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
function pack(bytesRead: number): { batch: KeyBatch; transfer: ArrayBuffer[] } {
  const secrets = new Uint8Array(keys.reduce((sum, key) => sum + key.secret.length, 0));
  let at = 0;
  const meta = keys.map(({ secret, ...rest }) => {
    secrets.set(secret, at);
    at += secret.length;
    secret.fill(0);
    return { ...rest, secretLength: secret.length };
  });
  const batch: KeyBatch = { kind: 'keys', keys: meta, warnings, secrets: secrets.buffer, bytesRead };
  keys = [];
  warnings = [];
  return { batch, transfer: [secrets.buffer] };
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
    // Told after the keys before it and before the keys after it, as on the calling thread.
    onWarning: (warning: ImportWarning) => warnings.push({ beforeKey: keys.length, warning }),
  };
  const flush = async (): Promise<void> => {
    while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
    credit -= 1;
    const { batch, transfer } = pack(bytesRead);
    post(batch, transfer);
  };
  for await (const key of parseSeedFile(read(), parserOpts)) {
    keys.push(key);
    if (keys.length >= SEED_BATCH_KEYS) await flush();
  }
  if (keys.length > 0 || warnings.length > 0) await flush();
  post({ kind: 'done', bytesRead, sha256: hash.digest('hex') });
}

try {
  await run();
} catch (err) {
  // The warnings raised before the refusal are still told; the keys parsed with them go with the file.
  post({ kind: 'error', error: packError(err), warnings: warnings.map((w) => w.warning) });
} finally {
  wipe();
  port.unref(); // nothing more to send: the thread ends once its messages are out
}
