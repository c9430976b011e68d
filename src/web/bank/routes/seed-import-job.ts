// 取込実行 in the background: the same file through the same parser into importTokens (one transaction, all
// or nothing), with progress for the result page. The file must still be the one previewed: its SHA-256 is
// checked as it is read (by the parsing thread), and a mismatch rolls the import back. A refusal is audited too.

import type { FastifyBaseLogger } from 'fastify';
import { appendAudit, BANK_CHAIN } from '../../../domain/audit.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { DuplicateSerialError, importTokens } from '../../../domain/import-tokens.ts';
import { type StaffActor, staffDetail } from '../../../domain/staff-actor.ts';
import { ImportError } from '../../../import/import-error.ts';
import { parseSeedFileOnThread } from '../../../import/seed-file-thread.ts';
import type { ImportJob, PendingUpload, SeedUploads } from '../seed-uploads.ts';

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
    const keys = parseSeedFileOnThread(file.path, opts, { expectedSha256: file.sha256 });
    const imported = await importTokens(deps, { actor: who.actor, ip: who.ip }, keys, {
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
