// parseSeedFileOnThread: parseSeedFile on a file, run on a worker thread. What every operator import uses
// (the CLI's tokens import, the console's preview and 取込実行).
//
// Why a thread: the parse is nearly all of an import's work (XML, decryption, MACs: ~60 µs of CPU and
// ~30 KB of short-lived objects a key, measured). On the thread that serves HTTP it would hold back every
// verification for the length of the file. On its own thread it runs beside the inserts, and its young
// generation is capped (resourceLimits): V8 grows a young generation whenever the bytes that survived its
// scavenges add up to its size, which a long import always reaches (128 MiB on the main thread).
// Measured in src/import/README.md.
//
// The keys come as batches of metadata plus one transferred buffer of secrets (seed-file-worker.ts). A key's
// secret is zeroed once the caller asks for the key after the last of its batch: take what you need of it
// (seal it) before you ask for the next key.
import { Worker } from 'node:worker_threads';
import type { ImportedKey } from './imported-key.ts';
import type { SeedFileOptions } from './parse-seed-file.ts';
import { type ParentMessage, type ThreadedOptions, unpackError, type WorkerMessage } from './seed-file-thread-protocol.ts';

/**
 * The worker's young generation, in MiB. 16 MiB holds many times the live objects of one key, so the
 * parser's scavenges stay cheap; the main thread's default grows to 64 MiB per semi-space.
 */
const WORKER_YOUNG_GENERATION_MIB = 16;

export interface SeedFileWatch {
  /** Told, with each batch, how many bytes of the file the parser has read (for a progress bar). */
  readonly onBytes?: (bytesRead: number) => void;
  /**
   * Throw after the last key unless the bytes read have this SHA-256 (hex): the file imported must be the
   * file previewed. The caller's transaction then rolls back.
   */
  readonly expectedSha256?: string;
}

/** How long a worker told to stop may take to wipe what it holds and end, before it is terminated. */
const STOP_GRACE_MS = 2000;

/** Zeroes what a message carries that the caller never took. */
function wipeMessage(message: WorkerMessage): void {
  if (message.kind === 'keys') new Uint8Array(message.secrets).fill(0);
}

export async function* parseSeedFileOnThread(path: string, opts: SeedFileOptions = {}, watch: SeedFileWatch = {}): AsyncGenerator<ImportedKey> {
  const { onWarning, preSharedKey, ...rest } = opts;
  // A buffer of its own, transferred (moved, not copied): nothing else of a shared pool goes with it, and no
  // serialised copy of the key stays behind.
  const keyCopy = preSharedKey === undefined ? undefined : new Uint8Array(preSharedKey);
  const threaded: ThreadedOptions = { ...rest, ...(keyCopy === undefined ? {} : { preSharedKey: keyCopy }) };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./seed-file-worker.ts', import.meta.url), {
      workerData: { path, opts: threaded },
      transferList: keyCopy === undefined ? [] : [keyCopy.buffer],
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB },
    });
  } finally {
    if (keyCopy !== undefined && keyCopy.byteLength > 0) keyCopy.fill(0); // still ours: the worker did not start
  }

  const inbox: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exitCode: number | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const nudge = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    if (finished) wipeMessage(message); // arrived after the caller stopped
    else inbox.push(message);
    nudge();
  });
  worker.on('error', (err) => {
    failure = err;
    nudge();
  });
  worker.on('exit', (code) => {
    exitCode = code;
    nudge();
  });
  const next = async (): Promise<WorkerMessage> => {
    for (;;) {
      const message = inbox.shift();
      if (message !== undefined) return message;
      if (failure !== null) throw failure;
      if (exitCode !== null) throw new Error(`the seed-file worker stopped (exit code ${exitCode}) before the end of the file`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  try {
    for (;;) {
      const message = await next();
      switch (message.kind) {
        case 'error':
          for (const warning of message.warnings) onWarning?.(warning);
          throw unpackError(message.error);
        case 'done':
          if (watch.expectedSha256 !== undefined && message.sha256 !== watch.expectedSha256) throw new Error('the seed file changed after its preview');
          return;
        case 'keys': {
          worker.postMessage('more');
          watch.onBytes?.(message.bytesRead);
          const secrets = Buffer.from(message.secrets);
          const warnings = [...message.warnings];
          const tell = (index: number): void => {
            for (let next = warnings[0]; next !== undefined && next.beforeKey <= index; next = warnings[0]) {
              warnings.shift();
              onWarning?.(next.warning);
            }
          };
          try {
            let at = 0;
            for (const [index, { secretLength, ...key }] of message.keys.entries()) {
              tell(index);
              yield { ...key, secret: secrets.subarray(at, at + secretLength) };
              at += secretLength;
            }
            tell(message.keys.length);
          } finally {
            secrets.fill(0);
          }
          break;
        }
      }
    }
  } finally {
    finished = true;
    for (const message of inbox.splice(0)) wipeMessage(message);
    await stop(worker, () => exitCode !== null);
  }
}

/** Asks the worker to wipe what it holds and end; terminates it if it has not within STOP_GRACE_MS. */
async function stop(worker: Worker, exited: () => boolean): Promise<void> {
  if (exited()) return;
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage('stop' satisfies ParentMessage);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
  try {
    if ((await Promise.race([ended, late])) === 'late') await worker.terminate();
  } finally {
    clearTimeout(timer);
  }
}
