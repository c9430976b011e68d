// 取引認証 on the users' screens, in-process: with the bank's policy on, the confirm screen of a transfer paid
// with an app token shows the challenge (digits and a QR code) and asks for the 取引認証番号; the server accepts
// the app's OCRA response for exactly that transfer, once. Responses are computed here in node, as the app does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshPostgresDatabase, POSTGRES_URL } from '../support/postgres.ts';
import { DEMO } from '../../src/demo-data.ts';
import { signingQuestion } from '../../src/domain/signing-challenge.ts';
import { setTransactionAuthPolicy, type TransactionAuthPolicy } from '../../src/domain/transaction-auth-policy.ts';
import { createActiveAppToken, type AppSoftToken } from '../support/app-soft-token.ts';
import { TRANSFER, userAgent, type UserAgent } from './agent.ts';
import { C, SERIAL, setupUserApp, type UserApp } from './fixture.ts';

const APP_SERIAL = '20000000000201';
const STAFF = { actor: 'staff:yamada', ip: '127.0.0.1', reason: 'テスト' } as const;
const QUESTION = signingQuestion(12_345n, TRANSFER.accountNumber);

async function signingWorld(t: { after(fn: () => Promise<void>): void }, policy: TransactionAuthPolicy = { mode: 'all' }, url?: string): Promise<{ f: UserApp; app: AppSoftToken; u: UserAgent }> {
  const f = await setupUserApp(url);
  t.after(() => f.close());
  const app = await createActiveAppToken(f.deps, { serial: APP_SERIAL, contractId: C, loginId: 'user01', confirmPin: DEMO.confirmPin });
  f.clock.advance(60_000);
  await f.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, STAFF, f.clock.nowMs, policy));
  const u = userAgent(f.app);
  await u.login('user01');
  return { f, app, u };
}

test('the confirm screen shows the challenge digits, a QR code, the payee account and amount, and asks for the 取引認証番号', async (t) => {
  const { u } = await signingWorld(t);
  const draftId = await u.prepareTransfer();
  const confirm = await u.get(`/user/payments/confirm?id=${draftId}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, new RegExp(`data-testid="signing-question">${QUESTION}<`));
  assert.match(confirm.body, /data-testid="signing-qr"[^>]*><svg [^>]*viewBox/);
  assert.match(confirm.body, /aria-label="取引認証用のQRコード（お振込先口座番号 7654321、金額 12,345円）"/);
  assert.match(confirm.body, /data-testid="signing-account">7654321</);
  assert.match(confirm.body, /data-testid="signing-amount">12,345円</);
  assert.match(confirm.body, /name="signature"/);
  assert.doesNotMatch(confirm.body, /name="otp"/);
  assert.doesNotMatch(confirm.body, /<script|style=/, 'no inline script or style (CSP)');
});

test('the app response to this transfer pays it once; a second submission shows the same receipt', async (t) => {
  const { f, app, u } = await signingWorld(t);
  const draftId = await u.prepareTransfer();
  const response = app.sign(QUESTION, f.clock.nowMs);
  const done = await u.post('/user/payments/execute', { draftId, signature: response });
  assert.equal(done.location, `/user/payments/receipt?id=${draftId}`);
  const again = await u.post('/user/payments/execute', { draftId, signature: response });
  assert.equal(again.location, `/user/payments/receipt?id=${draftId}`);
  assert.equal(await f.balance(), 10_000_000n - 12_345n);
  assert.equal((await f.history()).length, 1);
});

test('responses for another amount, another payee account, a minute outside the window or another token are refused at the field', async (t) => {
  const { f, app, u } = await signingWorld(t);
  const other = await createActiveAppToken(f.deps, { serial: '20000000000202', contractId: C, loginId: 'user02', confirmPin: DEMO.confirmPin });
  const draftId = await u.prepareTransfer();
  const now = f.clock.nowMs;
  const cases: [string, string][] = [
    ['another amount', app.sign(signingQuestion(12_346n, TRANSFER.accountNumber), now)],
    ['another payee account', app.sign(signingQuestion(12_345n, '7654320'), now)],
    ['two minutes ago', app.sign(QUESTION, now - 120_000)],
    ['a minute ahead', app.sign(QUESTION, now + 60_000)],
    ['another token', other.sign(QUESTION, now)],
  ];
  for (const [what, response] of cases) {
    const page = await u.post('/user/payments/execute', { draftId, signature: response });
    assert.equal(page.errors.signature, 'signature_invalid', what);
  }
  assert.equal(await f.balance(), 10_000_000n);
});

test('a response replayed for a second transfer of the same payee and amount is refused and audited, without counting', async (t) => {
  const { f, app, u } = await signingWorld(t);
  const first = await u.prepareTransfer();
  const second = await u.prepareTransfer();
  const response = app.sign(QUESTION, f.clock.nowMs);
  assert.equal((await u.post('/user/payments/execute', { draftId: first, signature: response })).status, 303);
  const replay = await u.post('/user/payments/execute', { draftId: second, signature: response });
  assert.equal(replay.errors.signature, 'signature_replayed');
  assert.equal((await f.deps.store.transaction((tx) => tx.tokens.get(APP_SERIAL)))?.consecutiveFailures, 0);
  assert.ok((await f.audit()).some((e) => e.action === 'payment.authorise' && e.outcome === 'signature_replayed'));
  assert.equal((await f.history()).length, 1);
});

async function concurrentSubmissions(f: UserApp, app: AppSoftToken, u: UserAgent, drafts: number, instances: 1 | 2): Promise<void> {
  const apps = instances === 2 ? [f.app, await f.instance()] : [f.app];
  const ids: string[] = [];
  for (let i = 0; i < drafts; i++) ids.push(await u.prepareTransfer());
  const response = app.sign(QUESTION, f.clock.nowMs);
  const pages = await Promise.all(ids.map((draftId, i) => u.post('/user/payments/execute', { draftId, signature: response }, { via: apps[i % apps.length] })));
  assert.equal(pages.filter((p) => p.status === 303).length, 1);
  assert.equal(pages.filter((p) => p.errors.signature === 'signature_replayed').length, drafts - 1);
  assert.equal((await f.history()).length, 1);
  assert.equal(await f.balance(), 10_000_000n - 12_345n);
}

test('concurrent submissions of one response to several drafts of the same transfer make exactly one payment', async (t) => {
  const { f, app, u } = await signingWorld(t);
  await concurrentSubmissions(f, app, u, 5, 1);
});

test('on PostgreSQL, one response submitted at once to 10 drafts over two server instances makes exactly one payment', { skip: POSTGRES_URL === undefined ? 'BIZOTP_TEST_POSTGRES_URL is not set' : false }, async (t) => {
  const { f, app, u } = await signingWorld(t, { mode: 'all' }, await freshPostgresDatabase('txnauth_web'));
  await concurrentSubmissions(f, app, u, 10, 2);
});

test('an OTP typed into a direct POST is refused while the policy asks for the signature', async (t) => {
  const { f, app, u } = await signingWorld(t);
  const draftId = await u.prepareTransfer();
  const page = await u.post('/user/payments/execute', { draftId, otp: app.totp(f.clock.nowMs) });
  assert.equal(page.errors.signature, 'required');
  assert.equal(await f.balance(), 10_000_000n);
});

test('with the policy off (the default) an app token pays with its OTP, and a hardware token always does', async (t) => {
  const { f, app, u } = await signingWorld(t, { mode: 'off' });
  const draftId = await u.prepareTransfer();
  const confirm = await u.get(`/user/payments/confirm?id=${draftId}`);
  assert.match(confirm.body, /name="otp"/);
  assert.doesNotMatch(confirm.body, /signing-box/);
  assert.equal((await u.post('/user/payments/execute', { draftId, otp: app.totp(f.clock.nowMs) })).status, 303);
  await f.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, STAFF, f.clock.nowMs, { mode: 'all' }));
  await f.register('user02', SERIAL.hw1);
  const u2 = userAgent(f.app);
  await u2.login('user02');
  const hw = await u2.prepareTransfer();
  assert.match((await u2.get(`/user/payments/confirm?id=${hw}`)).body, /name="otp"/);
  assert.equal((await u2.post('/user/payments/execute', { draftId: hw, otp: await f.otp(SERIAL.hw1) })).status, 303);
});

test('a dated transfer (予約) shares the confirm screen: it is signed the same way and becomes a reservation', async (t) => {
  const { f, app, u } = await signingWorld(t);
  const draftId = await u.prepareTransfer({ transferDate: '2026-11-26' });
  const confirm = await u.get(`/user/payments/confirm?id=${draftId}`);
  assert.match(confirm.body, /data-testid="reservation-notice"/);
  assert.match(confirm.body, /name="signature"/);
  const done = await u.post('/user/payments/execute', { draftId, signature: app.sign(QUESTION, f.clock.nowMs) });
  assert.equal(done.status, 303);
  const receipt = await u.get(done.location ?? '');
  assert.match(receipt.body, /予約/);
  assert.equal(await f.balance(), 10_000_000n, 'nothing is debited before its date');
});
