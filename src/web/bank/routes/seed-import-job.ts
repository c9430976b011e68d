// 取込実行 in the background: the same file through the same parser into importTokens (one transaction, all
// or nothing), with progress for the result page. The file must still be the one previewed: its SHA-256 is
// checked as it is read, and a mismatch rolls the import back. A refusal is audited too.

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { appendAudit, BANK_CHAIN } from '../../../domain/audit.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { DuplicateSerialError, importTokens } from '../../../domain/import-tokens.ts';
import { type StaffActor, staffDetail } from '../../../domain/staff-actor.ts';
import { ImportError } from '../../../import/import-error.ts';
import { parseSeedFile } from '../../../import/parse-seed-file.ts';
import type { ImportedKey } from '../../../import/imported-key.ts';
import type { ImportJob, PendingUpload, SeedUploads } from '../seed-uploads.ts';

async function* hashed(path: string, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
}

/** The keys of the file, then a check that the bytes read were the bytes previewed (else: throw, roll back). */
async function* sameFile(keys: AsyncIterable<ImportedKey>, hash: Hash, expected: string): AsyncGenerator<ImportedKey> {
  yield* keys;
  if (hash.digest('hex') !== expected) throw new Error('the seed file changed after its preview');
}

function refusalOf(err: unknown): string | null {
  if (err instanceof ImportError) return err.message;
  if (err instanceof DuplicateSerialError) return `既に登録済みのシリアル番号があります：${err.serials.slice(0, 10).join('、')}`;
  return null;
}

export async function runSeedImport(deps: DomainDeps, uploads: SeedUploads, upload: PendingUpload, who: StaffActor, job: ImportJob, log: FastifyBaseLogger): Promise<void> {
  const { file, preview } = upload;
  const { opts, wipe } = uploads.keyOptions(upload);
  const detail = { ...staffDetail(who), fileName: file.fileName, sha256: file.sha256, firstSerial: preview?.firstSerial ?? null, lastSerial: preview?.lastSerial ?? null };
  try {
    const hash = createHash('sha256');
    const imported = await importTokens(deps, { actor: who.actor, ip: who.ip }, sameFile(parseSeedFile(hashed(file.path, hash), opts), hash, file.sha256), {
      defaultModel: upload.model,
      contractId: upload.contractId,
      demo: false,
      source: file.fileName,
      detail,
      onProgress: (n) => {
        job.imported = n;
      },
    });
    job.imported = imported;
    job.state = 'done';
  } catch (err) {
    job.imported = 0;
    const refusal = refusalOf(err);
    const code = err instanceof ImportError ? err.code : err instanceof DuplicateSerialError ? 'duplicate_serial' : 'error';
    job.state = refusal === null ? 'failed' : 'refused';
    job.message = refusal;
    job.code = code;
    // Only the error's kind and message: ImportError and the store never put secret material in them.
    if (refusal === null) log.error({ err }, 'seed import failed');
    const outcome = refusal === null ? 'failed' : 'refused';
    await deps.store
      .transaction((tx) => appendAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: who.actor, ip: who.ip, action: 'tokens.import', target: file.fileName, outcome, detail: { ...detail, code } }))
      .catch(() => undefined);
  } finally {
    wipe();
    await uploads.discard(file);
  }
}
