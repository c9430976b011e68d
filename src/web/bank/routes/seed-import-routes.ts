// シードファイル取込: upload (multipart, in this scope only) → 確認, a dry run of the real parser and checks →
// 取込実行, the real all-or-nothing import in the background with a progress page. Operators only
// (staff-roles.ts 'import'): the 確認 step is the second look, by the same operator, and the import is
// audited on BANK_CHAIN with the staff id, 理由, the file's SHA-256, count and serial range.

import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId } from '../../../domain/inputs.ts';
import { previewImport } from '../../../domain/preview-import.ts';
import { staffActor } from '../../../domain/staff-actor.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { TOKEN_MODELS, type TokenModel } from '../../../domain/token.ts';
import { ImportError } from '../../../import/import-error.ts';
import { parseSeedFileOnThread } from '../../../import/seed-file-thread.ts';
import { checkbox, field, FormReader, type FieldErrors } from '../../form.ts';
import { HttpFailure } from '../../http-failure.ts';
import type { Audience } from '../../kit/audience.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { checkStaffRole, requireActiveStaff, staffOf } from '../bank-session.ts';
import { MAX_SEED_FILE_BYTES, type PendingUpload, type ReceivedFile, type SeedKeyKind, SeedUploads, UPLOAD_TTL_MS } from '../seed-uploads.ts';
import { seedFormPage, seedPreviewPage } from '../views/seed-import-page.ts';
import { seedResultPage } from '../views/seed-import-result-page.ts';
import { runSeedImport } from './seed-import-job.ts';

const FIELDS = ['keyKind', 'allowPlaintext', 'model', 'contractId', 'reason'] as const;
const ID = /^[A-Za-z0-9_-]{32}$/;

interface ReadForm {
  readonly keyKind: SeedKeyKind;
  readonly key: Buffer | null;
  readonly allowPlaintext: boolean;
  readonly model: TokenModel;
  readonly contractId: string | null;
  readonly reason: string;
}

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

function readForm(body: unknown, file: ReceivedFile | undefined): { ok: true; form: ReadForm } | { ok: false; errors: FieldErrors } {
  const form = new FormReader();
  if (file === undefined || file.size === 0) form.add({ ok: false, code: 'seed_file_required', field: 'seedFile' });
  else if (file.tooLarge) form.add({ ok: false, code: 'seed_file_too_large', field: 'seedFile' });
  const keyKind = (['none', 'psk', 'passphrase'] as const).find((k) => k === field(body, 'keyKind')) ?? 'none';
  const rawKey = field(body, 'key') ?? '';
  let key: Buffer | null = null;
  if (keyKind === 'psk') {
    const hex = rawKey.trim();
    if (/^(?:[0-9a-fA-F]{2}){1,64}$/.test(hex)) key = Buffer.from(hex, 'hex');
    else form.add({ ok: false, code: 'seed_key_invalid', field: 'key' });
  } else if (keyKind === 'passphrase') {
    if (rawKey !== '' && rawKey.length <= 1024) key = Buffer.from(rawKey, 'utf8');
    else form.add({ ok: false, code: 'seed_key_invalid', field: 'key' });
  }
  const model = TOKEN_MODELS.find((m) => m === field(body, 'model'));
  if (model === undefined) form.add({ ok: false, code: 'seed_model_required', field: 'model' });
  const contractText = (field(body, 'contractId') ?? '').trim();
  const contractId = contractText === '' ? null : form.take(parseContractId(contractText));
  const reason = form.take(parseReason(field(body, 'reason')));
  if (!form.ok || model === undefined) {
    key?.fill(0);
    return { ok: false, errors: form.errors };
  }
  return { ok: true, form: { keyKind, key, allowPlaintext: checkbox(body, 'allowPlaintext'), model, contractId, reason } };
}

export async function seedImportRoutes(app: FastifyInstance, opts: { deps: DomainDeps; audience: Audience }): Promise<void> {
  const { deps } = opts;
  const uploads = new SeedUploads(deps.keyring);
  const received = new WeakMap<FastifyRequest, ReceivedFile>();
  const adopted = new WeakSet<FastifyRequest>();
  app.addHook('onClose', () => uploads.idle());

  // Before the body is read: no session, or a role without 'import', never gets a byte written to disk.
  app.addHook('onRequest', requireActiveStaff(opts.audience));
  app.addHook('onRequest', checkStaffRole(deps));
  const forget = async (request: FastifyRequest): Promise<void> => {
    const file = received.get(request);
    if (file !== undefined && !adopted.has(request)) await uploads.discard(file);
  };
  app.addHook('onResponse', forget);
  app.addHook('onRequestAbort', forget);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_SEED_FILE_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
    async onFile(part) {
      if (part.fieldname !== 'seedFile' || received.has(this)) {
        part.file.resume();
        return;
      }
      received.set(this, await uploads.receive(part.file, part.filename));
    },
  });

  const maxMiB = MAX_SEED_FILE_BYTES / 1024 / 1024;
  const showForm = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200): FastifyReply =>
    sendPage(reply, seedFormPage({ session: pageSessionOf(staffOf(request)), values, errors, maxMiB }), status);

  app.get('/seed-import', { config: { staffAction: 'import' } }, async (request, reply) => showForm(request, reply, {}, {}));

  app.post('/seed-import', { config: { staffAction: 'import' } }, async (request, reply) => {
    const c = staffOf(request);
    await uploads.sweep(deps.now());
    const file = received.get(request);
    const read = readForm(request.body, file);
    if (!read.ok || file === undefined) return showForm(request, reply, valuesOf(request.body), read.ok ? {} : read.errors, FORM_ERROR_STATUS);
    const f = read.form;
    const upload: PendingUpload = {
      file, staffId: c.staff.id, keyKind: f.keyKind, sealedKey: f.key === null ? null : uploads.sealKey(file.id, f.key), allowPlaintext: f.allowPlaintext,
      model: f.model, contractId: f.contractId, reason: f.reason, expiresAtMs: deps.now() + UPLOAD_TTL_MS, preview: null,
    };
    f.key?.fill(0);
    let refusal: { code: string; message: string } | null = null;
    const { opts: parseOpts, wipe } = uploads.keyOptions(upload);
    try {
      upload.preview = await previewImport(deps, parseSeedFileOnThread(file.path, parseOpts), f.contractId);
      if (upload.preview.alreadyStoredCount > 0) refusal = { code: 'duplicate_serial', message: `既に登録済みのシリアル番号が${upload.preview.alreadyStoredCount}件あります。` };
      else if (upload.preview.contractMissing) refusal = { code: 'contract_not_found', message: '指定されたご契約先IDは登録されていません。' };
      else if (upload.preview.count === 0) refusal = { code: 'empty_file', message: 'ファイルにトークンがありません。' };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      refusal = { code: err.code, message: err.message };
    } finally {
      wipe();
    }
    if (refusal === null) {
      uploads.add(upload);
      adopted.add(request);
    }
    const page = seedPreviewPage({
      session: pageSessionOf(c), fileName: file.fileName, sha256: file.sha256, size: file.size, model: f.model, contractId: f.contractId, reason: f.reason,
      uploadId: refusal === null ? file.id : null, preview: upload.preview, refusal, expiresAtMs: upload.expiresAtMs, encrypted: f.keyKind !== 'none',
    });
    return sendPage(reply, page, refusal === null ? 200 : FORM_ERROR_STATUS);
  });

  app.post<{ Params: { id: string } }>('/seed-import/:id/commit', { config: { staffAction: 'import' } }, async (request, reply) => {
    const c = staffOf(request);
    const upload = ID.test(request.params.id) ? uploads.take(request.params.id, c.staff.id, deps.now()) : undefined;
    if (upload === undefined || upload.preview === null) return showForm(request, reply, {}, { _form: 'seed_upload_expired' }, FORM_ERROR_STATUS);
    const who = staffActor(c.staff.id, upload.reason, request.ip);
    const job = uploads.startJob(c.staff.id, upload.file.fileName, upload.preview.count, (j) => runSeedImport(deps, uploads, upload, who, j, request.log));
    return reply.redirect(`/bank/seed-import/jobs/${job.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/seed-import/:id/cancel', { config: { staffAction: 'import' } }, async (request, reply) => {
    const c = staffOf(request);
    const upload = ID.test(request.params.id) ? uploads.take(request.params.id, c.staff.id, deps.now()) : undefined;
    if (upload !== undefined) await uploads.discard(upload.file);
    return reply.redirect('/bank/seed-import', 303);
  });

  app.get<{ Params: { id: string } }>('/seed-import/jobs/:id', { config: { staffAction: 'import' } }, async (request, reply) => {
    const c = staffOf(request);
    const job = uploads.job(request.params.id, c.staff.id);
    if (job === undefined) throw new HttpFailure(404, 'page_not_found');
    return sendPage(reply, seedResultPage(pageSessionOf(c), job));
  });
}
