// 取引認証設定 in the staff console: an operator asks for a change of the bank's signing policy, which changes
// nothing until another staff member approves it; the approval sets it and audits it on the bank chain with both
// reasons; the requester cannot approve his own; a viewer never sees the screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BANK_CHAIN } from '../../src/domain/audit.ts';
import { bankWorld, STEP_MS, type BankWorld } from './bank-fixture.ts';

const policyOf = async (w: BankWorld) => (await w.f.deps.store.transaction((tx) => tx.transactionAuth.policy())).policy;
const pendingIds = async (w: BankWorld) => (await w.f.deps.store.transaction((tx) => tx.approvals.list(10))).filter((r) => r.status === 'pending').map((r) => r.id);

test('an operator asks to sign transfers above an amount; only another staff member\'s approval changes the policy', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const screen = await op.get('/bank/transaction-auth');
  assert.equal(screen.status, 200);
  assert.match(screen.body, /data-testid="current-policy">取引認証を使用しない</);
  const noMode = await op.post('/bank/transaction-auth', { reason: '理由' });
  assert.equal(noMode.errors.mode, 'required');
  const noAmount = await op.post('/bank/transaction-auth', { mode: 'above', thresholdYen: '', reason: '理由' });
  assert.equal(noAmount.errors.thresholdYen, 'required');
  const fullWidth = await op.post('/bank/transaction-auth', { mode: 'above', thresholdYen: '１００', reason: '理由' });
  assert.equal(fullWidth.errors.thresholdYen, 'not_half_width');
  const noReason = await op.post('/bank/transaction-auth', { mode: 'all', reason: '' });
  assert.equal(noReason.errors.reason, 'required');

  const asked = await op.post('/bank/transaction-auth', { mode: 'above', thresholdYen: '1,000,000', reason: '高額振込の不正送金対策' });
  assert.match(asked.body, /data-notice="success"/);
  assert.deepEqual(await policyOf(w), { mode: 'off' }, 'asking changes nothing');
  const [id] = await pendingIds(w);
  assert.match((await op.get('/bank/approvals')).body, /取引認証設定：「1,000,000円を超える資金移動で取引認証を使用する」に変更/);

  const apHandle = await w.staff('ap1', 'approver');
  const ap = await w.loggedIn(apHandle);
  w.f.clock.advance(STEP_MS);
  await ap.get('/bank/approvals');
  const approved = await ap.post(`/bank/approvals/${id}/approve`, { reason: '稟議書を確認', otp: apHandle.code() });
  assert.match(approved.body, /data-status="executed"/);
  assert.deepEqual(await policyOf(w), { mode: 'above', thresholdYen: 1_000_000n });
  assert.match((await op.get('/bank/transaction-auth')).body, /data-testid="current-policy">1,000,000円を超える資金移動で取引認証を使用する</);
  const entry = (await w.f.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).find((e) => e.action === 'policy.transaction_auth');
  // As every approved action: the change is the requester's, with his reason; the approval's own entry names the approver.
  assert.equal(entry?.actor, 'staff:op1');
  assert.deepEqual(JSON.parse(entry?.detail ?? '{}'), { reason: '高額振込の不正送金対策', from: 'off', to: 'above:1000000' });
  const approval = (await w.f.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).find((e) => e.action === 'approval.approve' && e.target === id);
  assert.equal(approval?.actor, 'staff:ap1');
});

test('an approver cannot approve his own request to turn signing off', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await w.f.deps.store.transaction((tx) => tx.transactionAuth.setPolicy({ mode: 'all' }, w.f.clock.nowMs, 'staff:setup'));
  const apHandle = await w.staff('ap1', 'approver');
  const ap = await w.loggedIn(apHandle);
  await ap.get('/bank/transaction-auth');
  assert.match((await ap.post('/bank/transaction-auth', { mode: 'off', reason: '障害対応' })).body, /data-notice="success"/);
  const [id] = await pendingIds(w);
  w.f.clock.advance(STEP_MS);
  await ap.get('/bank/approvals');
  const own = await ap.post(`/bank/approvals/${id}/approve`, { reason: '自分で承認', otp: apHandle.code() });
  assert.notEqual(own.status, 200);
  assert.deepEqual(await policyOf(w), { mode: 'all' });
});

test('a viewer is not offered 取引認証設定 and is refused it', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const viewer = await w.loggedIn(await w.staff('vw1', 'viewer'));
  const dashboard = await viewer.get('/bank/dashboard');
  assert.doesNotMatch(dashboard.body, /取引認証設定/);
  assert.equal((await viewer.get('/bank/transaction-auth')).status, 403);
});
