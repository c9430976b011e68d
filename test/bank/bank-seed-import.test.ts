// シードファイル取込 over inject, with the real fixture files: 確認 reads the whole file through the real parser
// and writes nothing; 取込実行 imports all or nothing and is audited; the key and the secrets never show.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BANK_CHAIN } from '../../src/domain/audit.ts';
import { type ImportJob, UPLOAD_TTL_MS } from '../../src/web/bank/seed-uploads.ts';
import { seedResultPage } from '../../src/web/bank/views/seed-import-result-page.ts';
import { toHtmlString } from '../../src/web/html.ts';
import { A } from '../web/fixture.ts';
import { bankWorld, type BankWorld } from './bank-fixture.ts';
import { previewValue, refusalOf, untilFinished, uploadIdOf, uploadSeed } from './seed-upload.ts';

const FIGURE6_KEY = '12345678901234567890123456789012';
const FIGURE6_SERIAL = '987654321';

async function world(t: { after(fn: () => Promise<void>): void }): Promise<BankWorld> {
  const w = await bankWorld();
  t.after(() => w.close());
  return w;
}

const tokenCount = (w: BankWorld): Promise<number> => w.f.deps.store.transaction((tx) => tx.tokens.count());

test('確認 of an encrypted PSKC file shows what it holds and imports nothing; 取込実行 then imports it, audited', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const before = await tokenCount(w);
  const preview = await uploadSeed(w.app, op, 'pskc/rfc6030-figure6.pskc', { keyKind: 'psk', key: FIGURE6_KEY, model: 'hw2', reason: '12月納品分' });
  assert.equal(preview.status, 200, preview.body);
  assert.equal(previewValue(preview, 'count'), '1件');
  assert.equal(previewValue(preview, 'serials'), `${FIGURE6_SERIAL} ～ ${FIGURE6_SERIAL}`);
  assert.equal(previewValue(preview, 'algorithms'), 'HOTP SHA1');
  assert.equal(previewValue(preview, 'digits'), '8桁');
  assert.match(previewValue(preview, 'mac') ?? '', /^一致/);
  assert.equal(previewValue(preview, 'duplicates-stored'), 'なし');
  assert.equal(await tokenCount(w), before, 'the preview writes nothing');

  const id = uploadIdOf(preview) ?? '';
  const started = await op.post(`/bank/seed-import/${id}/commit`, {});
  assert.equal(started.status, 303);
  const done = await untilFinished(op, started.location ?? '');
  assert.match(done.body, /data-imported="1"/);
  const token = await w.f.deps.store.transaction((tx) => tx.tokens.get(FIGURE6_SERIAL));
  assert.equal(token?.status, 'in_stock');
  assert.equal(token?.model, 'hw2');
  assert.equal(w.f.deps.keyring.open(FIGURE6_SERIAL, token.sealed).toString(), '12345678901234567890');

  const sha256 = previewValue(preview, 'sha256');
  const entries = await w.f.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN));
  const imported = entries.find((e) => e.action === 'tokens.import' && e.outcome === 'imported');
  assert.equal(imported?.actor, 'staff:op1');
  assert.deepEqual(
    { ...JSON.parse(imported?.detail ?? '{}') },
    { reason: '12月納品分', fileName: 'rfc6030-figure6.pskc', sha256, firstSerial: FIGURE6_SERIAL, lastSerial: FIGURE6_SERIAL, count: 1, contractId: null },
  );
  const again = await op.post(`/bank/seed-import/${id}/commit`, {});
  assert.equal(again.errors._form, 'seed_upload_expired', 'an upload is imported once');
});

test('while the import runs, its page shows n / total and reloads itself every 2 seconds; then it stops reloading', () => {
  const session = { staffId: 'op1', name: '職員op1', role: 'operator', csrfToken: 'x', loggedIn: true } as const;
  const job: ImportJob = { id: 'j', staffId: 'op1', fileName: 'bulk.csv', total: 20000, imported: 1500, state: 'running', message: null, code: null, settled: Promise.resolve() };
  const running = toHtmlString(seedResultPage(session, job));
  assert.match(running, /<meta http-equiv="refresh" content="2">/);
  assert.match(running, /data-progress>1,500 \/ 20,000件</);
  const done = toHtmlString(seedResultPage(session, { ...job, imported: 20000, state: 'done' }));
  assert.equal(done.includes('http-equiv="refresh"'), false);
  assert.match(done, /data-imported="20000"/);
});

test('an import is shown only to the staff member who started it', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const started = await op.post(`/bank/seed-import/${uploadIdOf(await uploadSeed(w.app, op, 'csv/good-hex.csv'))}/commit`, {});
  assert.match((await untilFinished(op, started.location ?? '')).body, /data-imported="5"/);
  const stranger = await w.loggedIn(await w.staff('op2', 'operator'));
  assert.equal((await stranger.get(started.location ?? '')).status, 404);
});

test('a good CSV file imports all its tokens, issued to the contract given; the same file again is refused as duplicates', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const lines = readFileSync(new URL('../../fixtures/csv/good-hex.csv', import.meta.url), 'utf8').split('\n').filter((line) => /^\d/.test(line)).length;
  const preview = await uploadSeed(w.app, op, 'csv/good-hex.csv', { contractId: A.contractId });
  assert.equal(previewValue(preview, 'count'), `${lines}件`);
  assert.match(previewValue(preview, 'mac') ?? '', /^対象外/);
  const done = await untilFinished(op, (await op.post(`/bank/seed-import/${uploadIdOf(preview)}/commit`, {})).location ?? '');
  assert.match(done.body, new RegExp(`data-imported="${lines}"`));
  const issued = await w.f.deps.store.transaction((tx) => tx.tokens.list({ contractId: A.contractId, status: 'issued', limit: 100 }));
  assert.equal(issued.filter((tok) => tok.serial.startsWith('4000000000')).length, lines);

  const second = await uploadSeed(w.app, op, 'csv/good-hex.csv');
  assert.equal(second.status, 422);
  assert.equal(refusalOf(second), 'duplicate_serial');
  assert.equal(previewValue(second, 'duplicates-stored')?.startsWith(`${lines}件`), true);
  assert.equal(uploadIdOf(second), undefined, 'a refused file cannot be imported');
});

test('two previews of one file: the first import wins, the second is refused whole by the importer', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const first = await uploadSeed(w.app, op, 'csv/good-base32.csv');
  const second = await uploadSeed(w.app, op, 'csv/good-base32.csv');
  const before = await tokenCount(w);
  const a = await untilFinished(op, (await op.post(`/bank/seed-import/${uploadIdOf(first)}/commit`, {})).location ?? '');
  assert.match(a.body, /data-imported="\d+"/);
  const afterFirst = await tokenCount(w);
  assert.ok(afterFirst > before);
  const b = await untilFinished(op, (await op.post(`/bank/seed-import/${uploadIdOf(second)}/commit`, {})).location ?? '');
  assert.equal(refusalOf(b), 'duplicate_serial');
  assert.equal(await tokenCount(w), afterFirst);
  const refused = (await w.f.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).filter((e) => e.action === 'tokens.import' && e.outcome === 'refused');
  assert.equal(refused.length, 1);
});

for (const [label, file, form, code] of [
  ['a PSKC file whose ValueMAC does not match', 'pskc/bad-mac-value.pskc', { keyKind: 'psk', key: FIGURE6_KEY }, 'mac_mismatch'],
  ['an encrypted PSKC file with the wrong pre-shared key', 'pskc/rfc6030-figure6.pskc', { keyKind: 'psk', key: '00112233445566778899aabbccddeeff' }, 'mac_mismatch'],
  ['a PBKDF2 PSKC file without its passphrase', 'pskc/rfc6030-figure7.pskc', {}, 'key_missing'],
  ['a PSKC file with a serial twice', 'pskc/duplicate-serial.pskc', {}, 'duplicate_serial'],
  ['a PSKC file with an external entity (XXE)', 'pskc/xxe.pskc', {}, 'dtd_forbidden'],
  ['a PSKC file with a DTD', 'pskc/dtd.pskc', {}, 'dtd_forbidden'],
  ['a CSV file with a serial twice', 'csv/duplicate-serial.csv', {}, 'duplicate_serial'],
  ['a CSV file without 平文のシードファイルの取込を許可する', 'csv/good-hex.csv', { allowPlaintext: false }, 'plaintext_not_allowed'],
  ['a plaintext PSKC file without 平文のシードファイルの取込を許可する', 'pskc/rfc6030-figure3.pskc', { allowPlaintext: false }, 'plaintext_not_allowed'],
  ['a pre-RFC draft PSKC file', 'pskc/draft-device.pskc', {}, 'pre_rfc_format'],
] as const) {
  test(`確認 refuses ${label} (${code}) and imports nothing`, async (t) => {
    const w = await world(t);
    const op = await w.loggedIn(await w.staff('op1', 'operator'));
    const before = await tokenCount(w);
    const page = await uploadSeed(w.app, op, file, form);
    assert.equal(page.status, 422);
    assert.equal(refusalOf(page), code);
    assert.equal(uploadIdOf(page), undefined);
    assert.equal(await tokenCount(w), before);
  });
}

test('a PBKDF2 PSKC file with its passphrase is previewed', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const page = await uploadSeed(w.app, op, 'pskc/rfc6030-figure7.pskc', { keyKind: 'passphrase', key: 'qwerty' });
  assert.equal(page.status, 200, page.body);
  assert.equal(previewValue(page, 'count'), '1件');
});

test('the form names what is missing or wrong: no file, a key that is not hex, no 理由, an unknown contract', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const page = await uploadSeed(w.app, op, null, { keyKind: 'psk', key: 'zz', reason: '' });
  assert.equal(page.status, 422);
  assert.deepEqual(page.errors, { seedFile: 'seed_file_required', key: 'seed_key_invalid', reason: 'required' });
  assert.equal(page.body.includes('value="zz"'), false, 'the key is never filled back in');
  const unknown = await uploadSeed(w.app, op, 'csv/good-hex.csv', { contractId: '99999999999' });
  assert.equal(refusalOf(unknown), 'contract_not_found');
});

test('an upload waits 30 minutes for 取込実行, and only for the staff member who sent it', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const other = await w.loggedIn(await w.staff('op2', 'operator'));
  const preview = await uploadSeed(w.app, op, 'csv/good-hex.csv');
  const id = uploadIdOf(preview) ?? '';
  await other.get('/bank/seed-import');
  assert.equal((await other.post(`/bank/seed-import/${id}/commit`, {})).errors._form, 'seed_upload_expired');
  // The staff session idles out after 15 minutes: the operator keeps it alive while the upload ages.
  for (let i = 0; i < 3; i++) {
    w.f.clock.advance(UPLOAD_TTL_MS / 3);
    await op.get('/bank/seed-import');
  }
  assert.equal((await op.post(`/bank/seed-import/${id}/commit`, {})).errors._form, 'seed_upload_expired');
});

test('a multipart upload without the CSRF token is refused, and a viewer or approver may not even open the screen', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  assert.equal((await uploadSeed(w.app, op, 'csv/good-hex.csv', { csrf: 'x' })).status, 403);
  for (const [id, role] of [['vw1', 'viewer'], ['ap1', 'approver']] as const) {
    const a = await w.loggedIn(await w.staff(id, role));
    assert.equal((await a.get('/bank/seed-import')).status, 403);
    assert.equal((await a.get('/bank/dashboard')).body.includes('href="/bank/seed-import"'), false);
  }
  const before = await tokenCount(w);
  const viewer = await w.loggedIn(await w.staff('vw2', 'viewer'));
  assert.equal((await uploadSeed(w.app, viewer, 'csv/good-hex.csv')).status, 403);
  assert.equal(await tokenCount(w), before);
});

test('the key and the secrets never appear in a page or in the database outside the sealed blobs (canary)', async (t) => {
  const w = await world(t);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const canary = Buffer.from('CANARY-SEED-5e1f0a9c3b7d');
  const csv = `serial,type,algorithm,digits,step,counter,secret_hex,expiry,model\nCANARY0000001,totp,SHA1,6,30,,${canary.toString('hex')},,hw1\n`;
  const pages = [await uploadSeed(w.app, op, { name: 'canary.csv', bytes: Buffer.from(csv) })];
  const started = await op.post(`/bank/seed-import/${uploadIdOf(pages[0] ?? { body: '' } as never)}/commit`, {});
  pages.push(started, await untilFinished(op, started.location ?? ''));
  pages.push(await uploadSeed(w.app, op, 'pskc/rfc6030-figure6.pskc', { keyKind: 'psk', key: FIGURE6_KEY }));
  pages.push(await uploadSeed(w.app, op, 'pskc/rfc6030-figure7.pskc', { keyKind: 'passphrase', key: 'qwerty' }));
  const needles = [canary.toString(), canary.toString('hex'), canary.toString('base64'), FIGURE6_KEY, 'qwerty', '12345678901234567890'];
  for (const page of pages) for (const needle of needles) assert.equal(page.body.includes(needle), false, `a page shows ${needle}`);

  const token = await w.f.deps.store.transaction((tx) => tx.tokens.get('CANARY0000001'));
  assert.deepEqual(w.f.deps.keyring.open('CANARY0000001', token?.sealed ?? { keyId: '', blob: new Uint8Array() }), canary);
  const dump = await w.f.deps.store.transaction(async (tx) => {
    const tokens = await tx.tokens.list({ limit: 10000 });
    const audit = await tx.audit.entries();
    return JSON.stringify([tokens.map((tok) => ({ ...tok, sealed: null })), audit], (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  });
  for (const needle of needles) assert.equal(dump.includes(needle), false, `the database holds ${needle}`);
});
