// ロック解除 and maker–checker over HTTP: an operator unlocks alone or asks; an approver approves (which
// executes) or denies; nobody approves his own request.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { A } from '../web/fixture.ts';
import type { Agent, Page } from '../web/agent.ts';
import type { StaffHandle } from '../support/staff-world.ts';
import { bankWorld, STEP_MS, type BankWorld } from './bank-fixture.ts';

async function lockAdmin(w: BankWorld): Promise<void> {
  await w.f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(A.contractId, MAX_LOGIN_FAILURES);
  });
}
const adminFailures = async (w: BankWorld): Promise<number | undefined> => (await w.f.deps.store.transaction((tx) => tx.contracts.get(A.contractId)))?.adminLoginFailures;
/** A decision with its 理由 and a fresh code (the clock moves one step, so the code is a new one). */
async function decide(w: BankWorld, a: Agent, who: StaffHandle, url: string, reason: string): Promise<Page> {
  w.f.clock.advance(STEP_MS);
  return a.post(url, { reason, otp: who.code() });
}
const requestIds = async (w: BankWorld): Promise<string[]> => (await w.f.deps.store.transaction((tx) => tx.approvals.list(10))).map((r) => r.id);

test('an operator lifts the admin login lock at once, with the 理由 in the contract\'s audit trail', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await lockAdmin(w);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/unlock');
  const missing = await op.post('/bank/unlock', { contractId: A.contractId, kind: 'admin_login', reason: '' });
  assert.deepEqual([missing.status, missing.errors.reason], [422, 'required']);
  const noKind = await op.post('/bank/unlock', { contractId: A.contractId, reason: '理由' });
  assert.deepEqual([noKind.status, noKind.errors.kind], [422, 'lock_target_required']);
  const unknown = await op.post('/bank/unlock', { contractId: '99999999999', kind: 'admin_login', reason: '理由' });
  assert.equal(unknown.errors.contractId, 'contract_not_found');
  const done = await op.post('/bank/unlock', { contractId: A.contractId, kind: 'admin_login', reason: 'お電話で本人確認済み' });
  assert.equal(done.status, 200);
  assert.match(done.body, /data-notice="success"/);
  assert.equal(await adminFailures(w), 0);
  const entry = (await w.f.audit(A.contractId)).find((e) => e.action === 'staff.unlock');
  assert.deepEqual([entry?.actor, JSON.parse(entry?.detail ?? '{}').reason], ['staff:op1', 'お電話で本人確認済み']);
});

test('a request changes nothing until a second staff member approves it; the approval executes it', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await lockAdmin(w);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/unlock');
  const asked = await op.post('/bank/unlock/request', { contractId: A.contractId, kind: 'admin_login', reason: '念のため確認依頼' });
  assert.match(asked.body, /承認を依頼しました/);
  assert.equal(await adminFailures(w), MAX_LOGIN_FAILURES);
  const [id] = await requestIds(w);
  const apHandle = await w.staff('ap1', 'approver');
  const ap = await w.loggedIn(apHandle);
  const list = await ap.get('/bank/approvals');
  assert.match(list.body, new RegExp(`data-request="${id}" data-status="pending"`));
  const noReason = await ap.post(`/bank/approvals/${id}/approve`, { reason: '' });
  assert.equal(noReason.errors._form, 'required');
  const noCode = await ap.post(`/bank/approvals/${id}/approve`, { reason: '内容を確認しました', otp: '' });
  assert.equal(noCode.errors._form, 'staff_otp_invalid');
  w.f.clock.advance(STEP_MS);
  const wrong = await ap.post(`/bank/approvals/${id}/approve`, { reason: '内容を確認しました', otp: apHandle.code() === '000000' ? '111111' : '000000' });
  assert.equal(wrong.errors._form, 'staff_otp_invalid');
  assert.equal(await adminFailures(w), MAX_LOGIN_FAILURES, 'nothing runs without a fresh code');
  const approved = await decide(w, ap, apHandle, `/bank/approvals/${id}/approve`, '内容を確認しました');
  assert.equal(approved.status, 200);
  assert.match(approved.body, new RegExp(`data-request="${id}" data-status="executed"`));
  assert.equal(await adminFailures(w), 0);
});

test('an approver\'s own request cannot be approved by him; another approver may deny it, and it never runs', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  await lockAdmin(w);
  const ap1Handle = await w.staff('ap1', 'approver');
  const ap1 = await w.loggedIn(ap1Handle);
  await ap1.get('/bank/unlock');
  await ap1.post('/bank/unlock/request', { contractId: A.contractId, kind: 'admin_login', reason: '依頼' });
  const [id] = await requestIds(w);
  await ap1.get('/bank/approvals');
  const self = await decide(w, ap1, ap1Handle, `/bank/approvals/${id}/approve`, '自分で承認');
  assert.deepEqual([self.status, self.errors._form], [422, 'approval_self']);
  const ap2Handle = await w.staff('ap2', 'approver');
  const ap2 = await w.loggedIn(ap2Handle);
  await ap2.get('/bank/approvals');
  const denied = await decide(w, ap2, ap2Handle, `/bank/approvals/${id}/deny`, '依頼内容が不明');
  assert.match(denied.body, new RegExp(`data-request="${id}" data-status="denied"`));
  assert.equal(await adminFailures(w), MAX_LOGIN_FAILURES);
  assert.equal((await w.f.audit(A.contractId)).filter((e) => e.action === 'approval.deny').length, 1);
});

test('an operator cannot approve, and a viewer sees the list without the buttons', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/unlock');
  await op.post('/bank/unlock/request', { contractId: A.contractId, kind: 'confirm_pin', reason: '依頼' });
  const [id] = await requestIds(w);
  const op2 = await w.loggedIn(await w.staff('op2', 'operator'));
  await op2.get('/bank/approvals');
  assert.equal((await op2.post(`/bank/approvals/${id}/approve`, { reason: '承認' })).status, 403);
  const vw = await w.loggedIn(await w.staff('vw1', 'viewer'));
  const list = await vw.get('/bank/approvals');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.body, /\/approve"/);
  assert.doesNotMatch(list.body, /href="\/bank\/unlock"/, 'no ロック解除 in a viewer\'s section bar');
});
