// The staff console's rules on SQLite and (when BIZOTP_TEST_POSTGRES_URL is set) PostgreSQL: login with
// password and TOTP, replay and lockout, enrolment, the 15-minute idle timeout, and maker–checker.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { ApprovalHandlers } from '../src/domain/approval-handlers.ts';
import { BANK_CHAIN } from '../src/domain/audit.ts';
import { approve, APPROVAL_LIFETIME_MS, deny, requestApproval, takeApprovalResult } from '../src/domain/maker-checker.ts';
import { MAX_STAFF_FAILURES, unlockStaff } from '../src/domain/staff-accounts.ts';
import { staffActor } from '../src/domain/staff-actor.ts';
import { checkStaffOtp, checkStaffPassword, confirmStaffEnrolment } from '../src/domain/staff-login.ts';
import { resumeStaffSession, STAFF_IDLE_TIMEOUT_MS, startStaffSession } from '../src/domain/staff-sessions.ts';
import { MAX_LOGIN_FAILURES } from '../src/domain/policy.ts';
import { setupWorld, type World } from './support/domain-setup.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';
import { enrolledStaff, newStaff, STAFF_PASSWORD } from './support/staff-world.ts';

const CONTRACT = '10000000001';
const STEP_MS = 30_000;

const stores: { name: string; url: () => Promise<string> }[] = [{ name: 'SQLite', url: async () => ':memory:' }];
if (POSTGRES_URL !== undefined) stores.push({ name: 'PostgreSQL', url: () => freshPostgresDatabase('staff_domain') });

async function world(t: TestContext, url: () => Promise<string>): Promise<World> {
  const w = await setupWorld(await url());
  t.after(() => w.close());
  return w;
}

async function lockAdminLogin(w: World): Promise<void> {
  await w.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(CONTRACT, MAX_LOGIN_FAILURES);
  });
}

const adminFailures = (w: World): Promise<number | undefined> => w.deps.store.transaction(async (tx) => (await tx.contracts.get(CONTRACT))?.adminLoginFailures);

for (const store of stores) {
  describe(`staff console rules on ${store.name}`, { concurrency: false }, () => {
    test('a staff member logs in with the password and then the current code, which is refused when replayed', async (t) => {
      const w = await world(t, store.url);
      const s = await enrolledStaff(w.deps, 'op1', 'operator');
      w.advance(STEP_MS);
      assert.equal((await checkStaffPassword(w.deps, 'ip', 'op1', STAFF_PASSWORD)).ok, true);
      const code = s.code();
      assert.deepEqual(await checkStaffOtp(w.deps, 'ip', 'op1', code), { ok: true });
      assert.deepEqual(await checkStaffOtp(w.deps, 'ip', 'op1', code), { ok: false, code: 'staff_otp_replayed', field: 'otp' });
      const logins = (await w.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).filter((e) => e.action === 'staff.login').map((e) => e.outcome);
      assert.deepEqual(logins, ['password_ok', 'success', 'staff_otp_replayed']);
      if (store.name === 'PostgreSQL') markPostgresSuiteRan();
    });

    test('five wrong passwords or codes lock the login, the right password is then refused, and staff unlock lifts it', async (t) => {
      const w = await world(t, store.url);
      const s = await enrolledStaff(w.deps, 'op1', 'operator');
      w.advance(STEP_MS);
      for (let i = 0; i < 3; i++) assert.equal((await checkStaffPassword(w.deps, 'ip', 'op1', 'wrong-password-x')).ok, false);
      assert.equal((await checkStaffOtp(w.deps, 'ip', 'op1', '000000')).ok, false);
      assert.equal((await checkStaffOtp(w.deps, 'ip', 'op1', s.code() === '111111' ? '222222' : '111111')).ok, false);
      assert.deepEqual(await checkStaffPassword(w.deps, 'ip', 'op1', STAFF_PASSWORD), { ok: false, code: 'staff_locked' });
      assert.deepEqual(await checkStaffOtp(w.deps, 'ip', 'op1', s.code()), { ok: false, code: 'staff_locked' });
      assert.equal(MAX_STAFF_FAILURES, 5);
      assert.deepEqual(await unlockStaff(w.deps, staffActor('管理者', '本人確認済み', 'cli'), 'op1'), { ok: true });
      assert.equal((await checkStaffPassword(w.deps, 'ip', 'op1', STAFF_PASSWORD)).ok, true);
    });

    test('a disabled or unknown staff member is refused like a wrong password', async (t) => {
      const w = await world(t, store.url);
      assert.deepEqual(await checkStaffPassword(w.deps, 'ip', 'nobody', STAFF_PASSWORD), { ok: false, code: 'staff_login_failed' });
    });

    test('enrolment accepts only the code of the session\'s own pending secret, then activates it', async (t) => {
      const w = await world(t, store.url);
      await newStaff(w.deps, 'op1', 'operator');
      await newStaff(w.deps, 'op2', 'operator');
      const mine = await startStaffSession(w.deps, 'op1', 'enrol', undefined);
      const theirs = await startStaffSession(w.deps, 'op2', 'enrol', undefined);
      assert.notDeepEqual(mine.record.pending, theirs.record.pending);
      // The other session's sealed secret cannot be opened as this session's: the AAD binds it to its session.
      const { pendingSecretName } = await import('../src/domain/staff-totp.ts');
      assert.throws(() => w.deps.keyring.open(pendingSecretName(mine.record.idHash), theirs.record.pending!));
      assert.equal((await confirmStaffEnrolment(w.deps, 'ip', mine.record, '123456')).ok, false);
      const staff = await w.deps.store.transaction((tx) => tx.staff.get('op1'));
      assert.deepEqual([staff?.mustEnrol, staff?.totp, staff?.failures], [true, null, 1]);
    });

    test('a staff session ends after exactly 15 minutes idle, and its end is audited as a timeout', async (t) => {
      const w = await world(t, store.url);
      await enrolledStaff(w.deps, 'op1', 'operator');
      const session = await startStaffSession(w.deps, 'op1', 'active', undefined);
      w.advance(STAFF_IDLE_TIMEOUT_MS);
      assert.equal((await resumeStaffSession(w.deps, session.id, 'ip')).kind, 'found', 'at 15 minutes it is still alive');
      w.advance(STAFF_IDLE_TIMEOUT_MS + 1);
      assert.equal((await resumeStaffSession(w.deps, session.id, 'ip')).kind, 'expired');
      assert.equal((await resumeStaffSession(w.deps, session.id, 'ip')).kind, 'none');
      const last = (await w.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN))).at(-1);
      assert.deepEqual([last?.action, last?.outcome], ['staff.logout', 'timeout']);
    });

    test('an approved unlock request is executed in the approving transaction and audited three times', async (t) => {
      const w = await world(t, store.url);
      await w.contract(CONTRACT);
      await lockAdminLogin(w);
      await enrolledStaff(w.deps, 'op1', 'operator');
      await enrolledStaff(w.deps, 'ap1', 'approver');
      const asked = await requestApproval(w.deps, { staffId: 'op1', ip: 'ip' }, 'unlock', { contractId: CONTRACT, kind: 'admin_login' }, '電話で本人確認済み');
      assert.equal(asked.ok, true);
      if (!asked.ok) return;
      assert.equal(await adminFailures(w), MAX_LOGIN_FAILURES, 'a request changes nothing by itself');
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '確認しました'), { ok: true, executed: true, outcome: 'unlocked' });
      assert.equal(await adminFailures(w), 0);
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '二度目'), { ok: false, code: 'approval_decided' });
      const actions = (await w.deps.store.transaction((tx) => tx.audit.entries(CONTRACT))).map((e) => `${e.action}/${e.actor}`);
      assert.deepEqual(actions.filter((a) => a.startsWith('approval.') || a.startsWith('staff.') || a.startsWith('unlock.')), [
        'approval.request/staff:op1',
        'approval.approve/staff:ap1',
        'unlock.admin_login/staff:op1',
        'staff.unlock/staff:op1',
        'approval.execute/staff:ap1',
      ]);
    });

    test('an approver cannot approve his own request; a viewer cannot request; an operator cannot approve', async (t) => {
      const w = await world(t, store.url);
      await w.contract(CONTRACT);
      for (const [id, role] of [['ap1', 'approver'], ['vw1', 'viewer'], ['op1', 'operator']] as const) await enrolledStaff(w.deps, id, role);
      const target = { contractId: CONTRACT, kind: 'confirm_pin' };
      assert.deepEqual(await requestApproval(w.deps, { staffId: 'vw1', ip: 'ip' }, 'unlock', target, '理由'), { ok: false, code: 'staff_forbidden' });
      const own = await requestApproval(w.deps, { staffId: 'ap1', ip: 'ip' }, 'unlock', target, '理由');
      assert.equal(own.ok, true);
      if (!own.ok) return;
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, own.id, '自分'), { ok: false, code: 'approval_self' });
      assert.deepEqual(await approve(w.deps, { staffId: 'op1', ip: 'ip' }, own.id, '担当'), { ok: false, code: 'staff_forbidden' });
      assert.deepEqual(await deny(w.deps, { staffId: 'ap1', ip: 'ip' }, own.id, '自分'), { ok: false, code: 'approval_self' });
    });

    test('a denied request never runs; a request older than 24 hours expires instead of running', async (t) => {
      const w = await world(t, store.url);
      await w.contract(CONTRACT);
      await lockAdminLogin(w);
      await enrolledStaff(w.deps, 'op1', 'operator');
      await enrolledStaff(w.deps, 'ap1', 'approver');
      const target = { contractId: CONTRACT, kind: 'admin_login' };
      const a = await requestApproval(w.deps, { staffId: 'op1', ip: 'ip' }, 'unlock', target, '理由A');
      const b = await requestApproval(w.deps, { staffId: 'op1', ip: 'ip' }, 'unlock', target, '理由B');
      if (!a.ok || !b.ok) throw new Error('requests refused');
      assert.deepEqual(await deny(w.deps, { staffId: 'ap1', ip: 'ip' }, a.id, '本人確認ができていない'), { ok: true });
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, a.id, '承認'), { ok: false, code: 'approval_decided' });
      w.advance(APPROVAL_LIFETIME_MS);
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, b.id, '承認'), { ok: false, code: 'approval_expired' });
      assert.equal(await adminFailures(w), MAX_LOGIN_FAILURES);
      assert.equal((await w.deps.store.transaction((tx) => tx.approvals.get(b.id)))?.status, 'expired');
    });

    test('a one-time result is shown to the requester only, once, and is stored sealed', async (t) => {
      const w = await world(t, store.url);
      await enrolledStaff(w.deps, 'op1', 'operator');
      await enrolledStaff(w.deps, 'op2', 'operator');
      await enrolledStaff(w.deps, 'ap1', 'approver');
      const handlers: ApprovalHandlers = {
        reset: { label: '再発行', approval: 'required', parse: (p: unknown) => p as never, chainOf: () => BANK_CHAIN, describe: () => '', run: async () => ({ ok: true, outcome: 'reset', oneTimeSecret: 'Init4567' }) },
      };
      const asked = await requestApproval(w.deps, { staffId: 'op1', ip: 'ip' }, 'reset', {}, '再発行依頼', handlers);
      if (!asked.ok) throw new Error(asked.code);
      assert.equal((await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '承認', handlers)).ok, true);
      const stored = await w.deps.store.transaction((tx) => tx.approvals.get(asked.id));
      assert.equal(Buffer.from(stored?.result?.blob ?? []).includes(Buffer.from('Init4567')), false, 'never in clear text');
      assert.deepEqual(await takeApprovalResult(w.deps, { staffId: 'op2', ip: 'ip' }, asked.id), { ok: false, code: 'approval_not_found' });
      assert.deepEqual(await takeApprovalResult(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id), { ok: false, code: 'approval_not_found' });
      assert.deepEqual(await takeApprovalResult(w.deps, { staffId: 'op1', ip: 'ip' }, asked.id), { ok: true, secret: 'Init4567' });
      assert.deepEqual(await takeApprovalResult(w.deps, { staffId: 'op1', ip: 'ip' }, asked.id), { ok: false, code: 'approval_not_found' });
    });

    test('approving an unlock of something not locked records the failure and changes nothing', async (t) => {
      const w = await world(t, store.url);
      await w.contract(CONTRACT);
      await enrolledStaff(w.deps, 'op1', 'operator');
      await enrolledStaff(w.deps, 'ap1', 'approver');
      const asked = await requestApproval(w.deps, { staffId: 'op1', ip: 'ip' }, 'unlock', { contractId: CONTRACT, kind: 'user', loginId: 'nobody' }, '理由');
      if (!asked.ok) throw new Error(asked.code);
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '承認'), { ok: true, executed: false, outcome: 'user_not_found' });
      assert.equal((await w.deps.store.transaction((tx) => tx.approvals.get(asked.id)))?.status, 'failed');
    });
  });
}
