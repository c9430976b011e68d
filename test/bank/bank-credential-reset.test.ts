// 暗証番号再発行 over HTTP: only a request (approval required); nobody approves his own; another approver's
// approval executes it; the initial value is shown once, to the requester alone, and the customer must change
// it at the next login.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agent, type Agent, type Page } from '../web/agent.ts';
import { A } from '../web/fixture.ts';
import type { StaffHandle } from '../support/staff-world.ts';
import { bankWorld, STEP_MS, type BankWorld } from './bank-fixture.ts';

async function decide(w: BankWorld, a: Agent, who: StaffHandle, url: string, reason: string): Promise<Page> {
  w.f.clock.advance(STEP_MS);
  await a.get('/bank/approvals');
  return a.post(url, { reason, otp: who.code() });
}
const requests = (w: BankWorld) => w.f.deps.store.transaction((tx) => tx.approvals.list(10));
const contract = (w: BankWorld) => w.f.deps.store.transaction((tx) => tx.contracts.get(A.contractId));
const shownValue = (page: Page): string | undefined => /data-one-time>([A-Za-z0-9]+)</.exec(page.body)?.[1];

test('a reset is only a request: the form checks its fields and the customer, and nothing changes until approval', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const form = await op.get('/bank/credential-reset');
  assert.equal(form.status, 200);
  assert.match(form.body, /href="\/bank\/credential-reset" aria-current="page"/);
  const empty = await op.post('/bank/credential-reset', { contractId: '', kind: '', reason: '' });
  assert.deepEqual([empty.status, empty.errors.contractId, empty.errors.reason], [422, 'required', 'required']);
  const noKind = await op.post('/bank/credential-reset', { contractId: A.contractId, reason: '届出' });
  assert.equal(noKind.errors.kind, 'required');
  const noUser = await op.post('/bank/credential-reset', { contractId: A.contractId, kind: 'user_password', reason: '届出' });
  assert.equal(noUser.errors.loginId, 'required');
  const unknownContract = await op.post('/bank/credential-reset', { contractId: '99999999999', kind: 'confirm_pin', reason: '届出' });
  assert.equal(unknownContract.errors.contractId, 'contract_not_found');
  const unknownUser = await op.post('/bank/credential-reset', { contractId: A.contractId, kind: 'user_confirm_pin', loginId: 'nobody9', reason: '届出' });
  assert.equal(unknownUser.errors.loginId, 'user_not_found');
  assert.deepEqual(await requests(w), []);
  const before = (await contract(w))?.adminPasswordHash;
  const asked = await op.post('/bank/credential-reset', { contractId: A.contractId, kind: 'admin_password', reason: '管理者から失念の届出（本人確認済み）' });
  assert.equal(asked.status, 200);
  assert.match(asked.body, /data-notice="success"/);
  const [r] = await requests(w);
  assert.deepEqual([r?.action, r?.status, JSON.parse(r?.params ?? '{}')], ['reset_credential', 'pending', { kind: 'admin_password', contractId: A.contractId }]);
  assert.equal((await contract(w))?.adminPasswordHash, before, 'nothing is reset by asking');
  const list = await op.get('/bank/approvals');
  assert.match(list.body, /暗証番号再発行：ご契約先ID \d{11} のご契約先暗証番号/);
  assert.match(list.body, /管理者から失念の届出/);
  assert.match(list.body, /期限 2026\/11\/25/);
});

test('maker–checker: no self-approval; another approver executes it; the value is shown once, to the requester only; the administrator must change it', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const opHandle = await w.staff('op1', 'operator');
  const op = await w.loggedIn(opHandle);
  await op.get('/bank/credential-reset');
  await op.post('/bank/credential-reset', { contractId: A.contractId, kind: 'admin_password', reason: '失念の届出' });
  const [r] = await requests(w);
  const id = r?.id ?? '';
  assert.equal((await decide(w, op, opHandle, `/bank/approvals/${id}/approve`, '自分で')).status, 403, 'an operator cannot approve at all');

  // An approver who asks for a reset cannot approve it himself either.
  const ap1Handle = await w.staff('ap1', 'approver');
  const ap1 = await w.loggedIn(ap1Handle);
  await ap1.get('/bank/credential-reset');
  await ap1.post('/bank/credential-reset', { contractId: A.contractId, kind: 'confirm_pin', reason: '承認者自身の依頼' });
  const own = (await requests(w)).find((x) => x.requestedBy === 'ap1')?.id ?? '';
  const self = await decide(w, ap1, ap1Handle, `/bank/approvals/${own}/approve`, '自分で承認');
  assert.deepEqual([self.status, self.errors._form], [422, 'approval_self']);
  assert.equal((await contract(w))?.confirmPinMustChange, false);

  const approved = await decide(w, ap1, ap1Handle, `/bank/approvals/${id}/approve`, '届出書を確認');
  assert.match(approved.body, new RegExp(`data-request="${id}" data-status="executed"`));
  assert.equal((await contract(w))?.adminPasswordMustChange, true);
  assert.doesNotMatch(approved.body, /data-one-time/, 'the approver is not shown the value');
  assert.doesNotMatch(approved.body, new RegExp(`/bank/credential-reset/${id}/show`), 'nor offered it');

  // Nobody but the requester gets it: the approver, another operator, a viewer.
  const byApprover = await (async () => {
    await ap1.get('/bank/approvals');
    return ap1.post(`/bank/credential-reset/${id}/show`, {});
  })();
  assert.deepEqual([byApprover.status, byApprover.errors._form, shownValue(byApprover)], [422, 'approval_not_found', undefined]);
  const op2 = await w.loggedIn(await w.staff('op2', 'operator'));
  await op2.get('/bank/approvals');
  const byOther = await op2.post(`/bank/credential-reset/${id}/show`, {});
  assert.deepEqual([byOther.errors._form, shownValue(byOther)], ['approval_not_found', undefined]);
  const vw = await w.loggedIn(await w.staff('vw1', 'viewer'));
  await vw.get('/bank/approvals');
  assert.equal((await vw.post(`/bank/credential-reset/${id}/show`, {})).status, 403);

  // The requester: the button, then the value once.
  const list = await op.get('/bank/approvals');
  assert.match(list.body, new RegExp(`action="/bank/credential-reset/${id}/show"`));
  const shown = await op.post(`/bank/credential-reset/${id}/show`, {});
  assert.equal(shown.status, 200);
  assert.match(shown.body, /<title>初期暗証番号の表示/);
  assert.match(shown.body, /一度だけ/);
  assert.equal(shown.headers['cache-control'], 'no-store', 'never kept by a browser or proxy cache');
  const value = shownValue(shown) ?? '';
  assert.match(value, /^[A-Za-z0-9]{10}$/);
  await op.get('/bank/approvals');
  const again = await op.post(`/bank/credential-reset/${id}/show`, {});
  assert.deepEqual([again.errors._form, shownValue(again)], ['approval_not_found', undefined], 'erased once shown');

  // Never in the audit trail; the trail names both staff members and the 理由.
  const trail = await w.f.audit(A.contractId);
  assert.ok(!JSON.stringify(trail).includes(value));
  const reset = trail.find((e) => e.action === 'credential.reset');
  assert.deepEqual([reset?.actor, JSON.parse(reset?.detail ?? '{}').reason], ['staff:op1', '失念の届出']);
  assert.equal(trail.find((e) => e.action === 'approval.approve' && e.outcome === 'approved')?.actor, 'staff:ap1');

  // The administrator logs in with it and is sent to the change screen.
  const admin = agent(w.app);
  assert.equal((await admin.login(A.contractId, value)).location, '/menu');
  assert.equal((await admin.get('/menu')).location, '/menu/password');
  assert.match((await admin.get('/menu/password')).body, /data-forced-change/);
});
