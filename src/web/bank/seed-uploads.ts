// シードファイル取込's uploads between 確認 and 取込実行: each file waits in a temp directory of mode 0700 under
// a random name (mode 0600) for at most 30 minutes, tied to the staff member who sent it. The key typed with
// it is kept only sealed with the keyring (never in clear, never in a form field) and is wiped once used.
// Also the imports running in the background, so that a result page can show their progress.

import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportPreview } from '../../domain/preview-import.ts';
import type { Keyring } from '../../domain/secret-box.ts';
import type { SealedSecret, TokenModel } from '../../domain/token.ts';
import type { SeedFileOptions } from '../../import/parse-seed-file.ts';

/** How long an uploaded file waits for 取込実行. */
export const UPLOAD_TTL_MS = 30 * 60 * 1000;
/** The largest seed file the console takes (stated on the screen); bigger files go through the CLI. */
export const MAX_SEED_FILE_BYTES = 64 * 1024 * 1024;

export type SeedKeyKind = 'none' | 'psk' | 'passphrase';

/** A file as received: where it is, its SHA-256 and size, and whether it was cut at the size limit. */
export interface ReceivedFile {
  readonly id: string;
  readonly path: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
  readonly tooLarge: boolean;
}

export interface PendingUpload {
  readonly file: ReceivedFile;
  readonly staffId: string;
  readonly keyKind: SeedKeyKind;
  readonly sealedKey: SealedSecret | null;
  /** The operator ticked 平文のシードファイルの取込を許可する (the CLI's --allow-plaintext). */
  readonly allowPlaintext: boolean;
  readonly model: TokenModel;
  readonly contractId: string | null;
  readonly reason: string;
  readonly expiresAtMs: number;
  preview: ImportPreview | null;
}

export interface ImportJob {
  readonly id: string;
  readonly staffId: string;
  readonly fileName: string;
  readonly total: number;
  imported: number;
  state: 'running' | 'done' | 'refused' | 'failed';
  /** The importer's refusal, for the result page. */
  message: string | null;
  /** Its code: an ImportError's, `duplicate_serial` for serials already stored, `error` otherwise. */
  code: string | null;
  readonly settled: Promise<void>;
}

function randomId(): string {
  return randomBytes(24).toString('base64url');
}

/** The AAD of a sealed upload key: bound to its upload, so it opens for nothing else. */
function keyLabel(uploadId: string): string {
  return `seed-upload:${uploadId}`;
}

export class SeedUploads {
  readonly #keyring: Keyring;
  #dir: Promise<string> | null = null;
  readonly #pending = new Map<string, PendingUpload>();
  readonly #jobs = new Map<string, ImportJob>();

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  async #directory(): Promise<string> {
    // mkdtemp creates the directory with mode 0700: only this server's user may list or read it.
    this.#dir ??= mkdtemp(join(tmpdir(), 'bizotp-seed-'));
    return this.#dir;
  }

  /** Streams one uploaded file to a new 0600 file, hashing it on the way; never buffers it whole. */
  async receive(source: NodeJS.ReadableStream & { truncated?: boolean }, fileName: string): Promise<ReceivedFile> {
    const id = randomId();
    const path = join(await this.#directory(), id);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    return { id, path, fileName: fileName.slice(0, 200), sha256: hash.digest('hex'), size, tooLarge: source.truncated === true };
  }

  sealKey(uploadId: string, key: Uint8Array): SealedSecret {
    return this.#keyring.seal(keyLabel(uploadId), key);
  }

  /** The key in clear for one parse; the caller wipes it (fill(0)) when done. */
  openKey(upload: PendingUpload): Buffer | null {
    return upload.sealedKey === null ? null : this.#keyring.open(keyLabel(upload.file.id), upload.sealedKey);
  }

  /** The parser's options for an upload's key, opened from its seal; `wipe` clears it after the parse. */
  keyOptions(upload: PendingUpload): { opts: SeedFileOptions; wipe: () => void } {
    const key = this.openKey(upload);
    const keys = key === null ? {} : upload.keyKind === 'psk' ? { preSharedKey: key } : { passphrase: key.toString('utf8') };
    const opts: SeedFileOptions = { ...keys, allowPlaintext: upload.allowPlaintext };
    return { opts, wipe: () => key?.fill(0) };
  }

  add(upload: PendingUpload): void {
    this.#pending.set(upload.file.id, upload);
  }

  /** The staff member's own upload while it has not expired. */
  get(id: string, staffId: string, nowMs: number): PendingUpload | undefined {
    const found = this.#pending.get(id);
    return found !== undefined && found.staffId === staffId && found.expiresAtMs > nowMs ? found : undefined;
  }

  /** Removes the upload (its file goes when `discardFile` is called or after the import). */
  take(id: string, staffId: string, nowMs: number): PendingUpload | undefined {
    const found = this.get(id, staffId, nowMs);
    if (found !== undefined) this.#pending.delete(id);
    return found;
  }

  isPending(id: string): boolean {
    return this.#pending.has(id);
  }

  async discard(file: ReceivedFile): Promise<void> {
    this.#pending.delete(file.id);
    await unlink(file.path).catch(() => undefined);
  }

  /** Deletes expired uploads and any file no upload refers to that is older than the time limit. */
  async sweep(nowMs: number): Promise<void> {
    for (const upload of [...this.#pending.values()]) if (upload.expiresAtMs <= nowMs) await this.discard(upload.file);
    if (this.#dir === null) return;
    const dir = await this.#dir;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (this.#pending.has(name)) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (info !== null && info.mtimeMs + UPLOAD_TTL_MS <= Date.now()) await unlink(join(dir, name)).catch(() => undefined);
    }
  }

  startJob(staffId: string, fileName: string, total: number, run: (job: ImportJob) => Promise<void>): ImportJob {
    const id = randomId();
    let release: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (release = resolve));
    const job: ImportJob = { id, staffId, fileName, total, imported: 0, state: 'running', message: null, code: null, settled };
    this.#jobs.set(id, job);
    // In the background: the request that started it answers at once with the progress page.
    void run(job).finally(release);
    return job;
  }

  job(id: string, staffId: string): ImportJob | undefined {
    const found = this.#jobs.get(id);
    return found?.staffId === staffId ? found : undefined;
  }

  /** Waits for every running import (server shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((j) => j.settled));
  }
}
