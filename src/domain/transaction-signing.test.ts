// 取引認証 in the domain: under the bank's policy a 資金移動 paid with an app token is authorised only by the app's
// OCRA response to that transfer's own question (amount ‖ 7-digit account), for T in {now−1, now} minutes, once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createActiveAppToken, type AppSoftToken } from '../../test/support/app-soft-token.ts';
import { CONTRACT, OPENING_BALANCE, setupPaymentWorld, type PaymentWorld } from '../../test/support/payment-world.ts';
import { PIN } from '../../test/support/domain-setup.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import { policyApplies, signingQrText, signingQuestion } from './signing-challenge.ts';
import { setTransactionAuthPolicy, type TransactionAuthPolicy } from './transaction-auth-policy.ts';

const sign = (response: string) => ({ kind: 'signature', response }) as const;
const otp = (code: string) => ({ kind: 'otp', code }) as const;
const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));
const STAFF = { actor: 'staff:yamada', ip: '127.0.0.1', reason: '取引認証の開始' } as const;
const APP_SERIAL = '20000000000101';

async function world(policy: TransactionAuthPolicy = { mode: 'all' }): Promise<{ w: PaymentWorld; app: AppSoftToken }> {
  const w = await setupPaymentWorld();
  const app = await createActiveAppToken(w.deps, { serial: APP_SERIAL, contractId: CONTRACT, loginId: 'user01', confirmPin: PIN });
  w.advance(60_000);
  await w.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, STAFF, w.now(), policy));
  return { w, app };
}

test('the question is the amount in yen followed by the 7-digit account number, and the QR text carries it with the payee', () => {
  assert.equal(signingQuestion(150_000n, '0012345'), '1500000012345');
  const qr = signingQrText({ kind: 'transfer', bankCode: '0001', branchCode: '123', accountKind: 'futsu', accountNumber: '0012345', payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', transferDate: '2026-11-24' }, 150_000n);
  assert.equal(qr, `bizotp-sign:1?q=1500000012345&bank=0001&branch=123&type=${encodeURIComponent('普通')}&account=0012345&name=${encodeURIComponent('ﾔﾏﾀﾞ ﾀﾛｳ')}&amount=150000`);
});

test('the policy applies to nothing when off, to everything when all, and above a threshold only to larger amounts', () => {
  assert.equal(policyApplies({ mode: 'off' }, 10n ** 12n), false);
  assert.equal(policyApplies({ mode: 'all' }, 1n), true);
  assert.equal(policyApplies({ mode: 'above', thresholdYen: 100_000n }, 100_000n), false);
  assert.equal(policyApplies({ mode: 'above', thresholdYen: 100_000n }, 100_001n), true);
});

test('under the policy, the app response to the transfer own question pays it once, and the audit says it was signed', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const draftId = await w.draft('user01', 12_345n);
  const paid = await w.authorise('user01', draftId, sign(app.sign(signingQuestion(12_345n, '7654321'), w.now())));
  assert.ok(paid.ok && 'receipt' in paid, codeOf(paid));
  assert.equal(await w.balance(), OPENING_BALANCE - 12_345n);
  const done = (await w.audit()).filter((e) => e.action === 'payment.authorise' && e.outcome === 'done');
  assert.equal(JSON.parse(done[0]?.detail ?? '{}').signed, true);
});

test('under the policy an OTP no longer pays a transfer with an app token: the signature is required', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const draftId = await w.draft('user01');
  const r = await w.authorise('user01', draftId, otp(app.totp(w.now())));
  assert.equal(codeOf(r), 'required');
  assert.equal(!r.ok && r.field, 'signature');
});

test('a response for another amount, another payee account, a minute outside the window or another token is refused and counted', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const other = await createActiveAppToken(w.deps, { serial: '20000000000102', contractId: CONTRACT, loginId: 'user02', confirmPin: PIN });
  const draftId = await w.draft('user01', 12_345n);
  const q = signingQuestion(12_345n, '7654321');
  const wrongs = [
    app.sign(signingQuestion(12_346n, '7654321'), w.now()),
    app.sign(signingQuestion(12_345n, '7654322'), w.now()),
    app.sign(q, w.now() - 120_000),
    app.sign(q, w.now() + 60_000),
    other.sign(q, w.now()),
  ];
  for (const [i, response] of wrongs.entries()) {
    const r = await w.authorise('user01', draftId, sign(response));
    assert.equal(codeOf(r), 'signature_invalid', `wrong response ${i}`);
  }
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get(APP_SERIAL)))?.consecutiveFailures, wrongs.length);
  assert.equal(await w.balance(), OPENING_BALANCE);
});

test('a response of the previous minute is accepted; one of two minutes ago is not', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const draftId = await w.draft('user01', 12_345n);
  const q = signingQuestion(12_345n, '7654321');
  assert.equal(codeOf(await w.authorise('user01', draftId, sign(app.sign(q, w.now() - 120_000)))), 'signature_invalid');
  assert.ok((await w.authorise('user01', draftId, sign(app.sign(q, w.now() - 60_000)))).ok);
});

test('the same response is refused for a second transfer of the same amount and payee as replayed, without counting', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const first = await w.draft('user01', 12_345n);
  const second = await w.draft('user01', 12_345n);
  const response = app.sign(signingQuestion(12_345n, '7654321'), w.now());
  assert.ok((await w.authorise('user01', first, sign(response))).ok);
  assert.equal(codeOf(await w.authorise('user01', second, sign(response))), 'signature_replayed');
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get(APP_SERIAL)))?.consecutiveFailures, 0);
  const refusals = (await w.audit()).filter((e) => e.action === 'payment.authorise' && e.outcome === 'signature_replayed');
  assert.equal(refusals.length, 1, 'the replay is audited');
  w.advance(60_000);
  assert.ok((await w.authorise('user01', second, sign(app.sign(signingQuestion(12_345n, '7654321'), w.now())))).ok, 'the next minute’s response pays it');
  assert.equal((await w.history()).length, 2);
});

test(`${MAX_CONSECUTIVE_OTP_FAILURES} wrong responses lock the token like wrong OTPs: the right response is then refused`, async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const draftId = await w.draft('user01', 12_345n);
  const right = app.sign(signingQuestion(12_345n, '7654321'), w.now());
  const wrong = right === '00000000' ? '11111111' : '00000000';
  for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) assert.equal(codeOf(await w.authorise('user01', draftId, sign(wrong))), 'signature_invalid');
  assert.equal(codeOf(await w.authorise('user01', draftId, sign(right))), 'token_locked');
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get(APP_SERIAL)))?.status, 'locked');
});

test('with the policy above an amount, smaller transfers keep the OTP and larger ones need the signature', async (t) => {
  const { w, app } = await world({ mode: 'above', thresholdYen: 100_000n });
  t.after(() => w.close());
  const small = await w.draft('user01', 100_000n);
  assert.ok((await w.authorise('user01', small, otp(app.totp(w.now())))).ok);
  const large = await w.draft('user01', 100_001n);
  assert.equal(codeOf(await w.authorise('user01', large, otp(app.totp(w.now() + 30_000)))), 'required');
});

test('a hardware token and Pay-easy payments keep the OTP whatever the policy', async (t) => {
  const { w, app } = await world();
  t.after(() => w.close());
  const hardware = await w.register('user02', '10000000000011');
  assert.ok((await w.authorise('user02', await w.draft('user02'), otp(hardware.code()))).ok, 'hardware: OTP');
  const tax = await w.draft('user01', 5_000n, w.payEasy());
  assert.ok((await w.authorise('user01', tax, otp(app.totp(w.now())))).ok, 'Pay-easy: OTP');
});

test('the policy is off by default, and each change is audited on the bank chain with the reason and both policies', async (t) => {
  const w = await setupPaymentWorld();
  t.after(() => w.close());
  const initial = await w.deps.store.transaction((tx) => tx.transactionAuth.policy());
  assert.deepEqual(initial.policy, { mode: 'off' });
  await w.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, STAFF, w.now(), { mode: 'above', thresholdYen: 1_000_000n }));
  const after = await w.deps.store.transaction((tx) => tx.transactionAuth.policy());
  assert.deepEqual(after, { policy: { mode: 'above', thresholdYen: 1_000_000n }, changedAtMs: w.now(), changedBy: 'staff:yamada' });
  const [entry] = (await w.deps.store.transaction((tx) => tx.audit.entries('bank'))).filter((e) => e.action === 'policy.transaction_auth');
  assert.equal(entry?.outcome, 'changed');
  assert.deepEqual(JSON.parse(entry?.detail ?? '{}'), { reason: '取引認証の開始', from: 'off', to: 'above:1000000' });
});
