// What seed-file-thread.ts and its worker (seed-file-worker.ts) say to each other.
import type { ImportedKey } from './imported-key.ts';
import { ImportError, type ImportErrorCode, type ImportPosition } from './import-error.ts';
import type { ImportWarning } from './import-warning.ts';
import type { SeedFileOptions } from './parse-seed-file.ts';

/** Keys per message: small enough to keep the window's memory flat, large enough that a message is cheap. */
export const SEED_BATCH_KEYS = 128;
/** Batches the worker may post before the importing thread has taken them. */
export const SEED_BATCH_WINDOW = 2;

/** The parser's options as they cross to the worker: the warning callback stays behind (warnings are posted). */
export type ThreadedOptions = Omit<SeedFileOptions, 'onWarning' | 'preSharedKey'> & { readonly preSharedKey?: Uint8Array };

export type KeyMeta = Omit<ImportedKey, 'secret'> & { readonly secretLength: number };

/** A warning in file order: told before the batch's key at `beforeKey` (after all of them when it is their count). */
export interface PlacedWarning {
  readonly beforeKey: number;
  readonly warning: ImportWarning;
}

/** From the importing thread: one batch taken (room for one more), or stop now. */
export type ParentMessage = 'more' | 'stop';

export interface KeyBatch {
  readonly kind: 'keys';
  readonly keys: readonly KeyMeta[];
  readonly warnings: readonly PlacedWarning[];
  /** Every key's secret end to end, in the keys' order. */
  readonly secrets: ArrayBuffer;
  readonly bytesRead: number;
}

export type PackedError =
  | { readonly kind: 'import'; readonly code: ImportErrorCode; readonly position: ImportPosition; readonly detail: string | null; readonly subject: string | null }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly code: string | null; readonly stack: string | null };

export type WorkerMessage =
  | KeyBatch
  | { readonly kind: 'error'; readonly error: PackedError; readonly warnings: readonly ImportWarning[] }
  | { readonly kind: 'done'; readonly bytesRead: number; readonly sha256: string };

export function packError(err: unknown): PackedError {
  if (err instanceof ImportError) return { kind: 'import', code: err.code, position: err.position, detail: err.detail, subject: err.subject };
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as NodeJS.ErrnoException).code;
  return { kind: 'other', name: e.name, message: e.message, code: typeof code === 'string' ? code : null, stack: e.stack ?? null };
}

/** The error as the parser threw it: an ImportError keeps its class (callers tell refusals from failures by it). */
export function unpackError(packed: PackedError): Error {
  if (packed.kind === 'import') return new ImportError(packed.code, packed.position, packed.detail, packed.subject);
  const err: Error & { code?: string } = new Error(packed.message);
  err.name = packed.name;
  if (packed.code !== null) err.code = packed.code;
  if (packed.stack !== null) err.stack = `${packed.stack}\n    (on the seed-file worker thread)`;
  return err;
}
