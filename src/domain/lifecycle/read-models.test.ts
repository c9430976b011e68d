import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { CONTRACT, setupPaymentWorld, type PaymentWorld } from '../../../test/support/payment-world.ts';
import { appendAudit, BANK_CHAIN } from '../audit.ts';
import { MAX_LOGIN_FAILURES } from '../policy.ts';
import { staffActor } from '../staff-actor.ts';
import { contractDetail } from './contract-detail.ts';
import { dashboardFigures } from './dashboard-figures.ts';
import { issueTokens } from './issue-tokens.ts';
import { listContracts } from './list-contracts.ts';
import { revokeToken } from './revoke-token.ts';
import { searchAudit } from './search-audit.ts';
import { tokenDetail } from './token-detail.ts';

const STAFF = staffActor('sato', '確認', '192.0.2.10');
const DAY_MS = 86_400_000;

let w: PaymentWorld;
beforeEach(async () => {
  w = await setupPaymentWorld(['user01', 'user02', 'user03']);
});
afterEach(() => w.close());

test('contract detail: lock states, 利用形態 and since when, users with their token and last successful OTP, tokens with last use', async () => {
  const token = await w.register('user01', '10000000000011');
  await w.token('10000000000012', { contractId: CONTRACT });
  const draft = await w.draft('user01');
  const paidAt = w.now();
  const paid = await w.authorise('user01', draft, { kind: 'otp', code: token.code() });
  assert.ok(paid.ok);
  await w.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.users.beginLoginAttempt(CONTRACT, 'user02', MAX_LOGIN_FAILURES);
    await tx.contracts.beginConfirmPinAttempt(CONTRACT, 5);
  });
  const d = await contractDetail(w.deps, CONTRACT);
  assert.ok(d.ok);
  assert.deepEqual([d.adminLogin, d.confirmPin], [{ locked: false, failures: 0 }, { locked: false, failures: 1 }]);
  assert.equal(d.otpForm, 'per_user');
  assert.ok(d.otpStartedAtMs !== null && d.otpStartedAtMs < paidAt);
  assert.deepEqual(d.users.map((u) => [u.loginId, u.login.locked, u.serial, u.lastOtpAtMs]), [
    ['user01', false, '10000000000011', paidAt],
    ['user02', true, null, null],
    ['user03', false, null, null],
  ]);
  assert.deepEqual(d.tokens.map((t) => [t.serial, t.status, t.lastUsedAtMs]), [['10000000000011', 'registered', paidAt], ['10000000000012', 'issued', null]]);
  assert.equal(d.recentAudit[0]?.action, 'payment.authorise', 'newest first');
  assert.ok(!JSON.stringify(d).includes('argon2'), 'no hash in the read model');
  assert.deepEqual(await contractDetail(w.deps, '19999999999'), { ok: false, code: 'contract_not_found', field: 'contractId' });
});

test('token detail: parameters, owner, registrations, counters and the history across chains, newest first, never the secret', async () => {
  await w.token('30000000000001', { contractId: null });
  assert.ok((await issueTokens(w.deps, STAFF, { contractId: CONTRACT, fromSerial: '30000000000001' })).ok);
  w.advance(1000);
  await w.deps.store.transaction((tx) => appendAudit(tx, w.now(), { chain: BANK_CHAIN, actor: 'bank:cli', action: 'note', target: '30000000000001', outcome: 'ok' }));
  w.advance(1000);
  assert.ok((await revokeToken(w.deps, STAFF, { serial: '30000000000001', kind: 'lost' })).ok);
  const d = await tokenDetail(w.deps, '30000000000001');
  assert.ok(d.ok);
  assert.deepEqual([d.status, d.contractId, d.params.type, d.drift, d.lastCounter, d.consecutiveFailures, d.registrations], ['lost', CONTRACT, 'totp', 0, null, 0, []]);
  assert.deepEqual(d.history.map((e) => [e.chain, e.action]), [[CONTRACT, 'token.revoke'], [BANK_CHAIN, 'note'], [CONTRACT, 'token.issue']]);
  assert.ok(!('sealed' in d), 'no sealed secret');
  assert.deepEqual(await tokenDetail(w.deps, 'NOPE'), { ok: false, code: 'token_not_found', field: 'serial' });
});

test('dashboard: tokens by status, locks in force, failures in the last 24 h, tokens expiring within 90 days, checks per hour', async () => {
  const token = await w.register('user01', '10000000000011');
  await w.token('10000000000012', { contractId: null, expiresAtMs: w.now() + 89 * DAY_MS });
  await w.token('10000000000013', { contractId: null, expiresAtMs: w.now() + 91 * DAY_MS });
  const draft = await w.draft('user01');
  const wrong = token.code() === '000000' ? '111111' : '000000';
  await w.authorise('user01', draft, { kind: 'otp', code: wrong });
  w.advance(2 * 3_600_000);
  const f = await dashboardFigures(w.deps);
  assert.deepEqual(f.tokensByStatus, { in_stock: 2, issued: 0, registered: 1, locked: 0, revoked: 0, lost: 0 });
  assert.equal(f.tokensExpiringWithin90Days, 1);
  assert.deepEqual(f.locksNow, { adminLogins: 0, confirmPins: 0, users: 0 });
  assert.equal(f.failuresLast24h, 1);
  assert.equal(f.verificationsPerHour.length, 24);
  const hours = f.verificationsPerHour.filter((h) => h.count > 0);
  assert.deepEqual(hours.map((h) => [(f.verificationsPerHour.at(-1)?.hourStartMs ?? 0) - h.hourStartMs, h.count]), [[2 * 3_600_000, 2]], 'the registration and the payment, two hours ago');
  w.advance(DAY_MS);
  assert.equal((await dashboardFigures(w.deps)).failuresLast24h, 0);
});

test('contracts are listed by ID prefix or name substring, a page at a time', async () => {
  await w.contract('10000000002');
  await w.contract('20000000001');
  const page = await listContracts(w.deps, '1000', { number: 2, size: 1 });
  assert.deepEqual([page.rows.map((c) => c.id), page.total, page.page], [['10000000002'], 2, { number: 2, size: 1 }]);
  assert.deepEqual((await listContracts(w.deps, '契約2000')).rows.map((c) => c.id), ['20000000001']);
});

test('the audit search says which chain heads it read and that the chains are intact', async () => {
  assert.ok((await revokeToken(w.deps, STAFF, { serial: (await w.token('30000000000001', { contractId: CONTRACT })).serial, kind: 'stolen' })).ok);
  const r = await searchAudit(w.deps, { staff: 'sato', limit: 10, offset: 0 });
  assert.deepEqual(r.entries.map((e) => e.action), ['token.revoke']);
  const head = await w.deps.store.transaction((tx) => tx.audit.lockHead(CONTRACT));
  assert.deepEqual(r.heads, { [CONTRACT]: head });
  assert.deepEqual(r.problems, []);
  assert.deepEqual((await searchAudit(w.deps, { loginId: 'user01', action: 'user.create', limit: 10, offset: 0 })).entries.map((e) => e.target), ['user01']);
});
