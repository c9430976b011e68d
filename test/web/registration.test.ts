// 「ワンタイムパスワード利用形態設定」 and 「ワンタイムパスワード利用登録」 in-process: the rules of product.md §4
// as the screens apply them, each with its audit entry.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_CONFIRM_PIN_FAILURES, MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { useTokenCode } from '../../src/domain/use-token.ts';
import { agent, type Agent } from './agent.ts';
import { A, B, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let admin: Agent;
beforeEach(async () => {
  f = await setup();
  admin = agent(f.createApp());
  await admin.login(A.contractId, A.adminPassword);
  await admin.get('/menu');
});
afterEach(async () => {
  await f.close();
});

const [HW1, HW2, , HW1B, SW] = A.serials;
const STEP_MS = 30_000;

async function registerPerUser(loginId: string, serial: string, otp?: string, confirmPin: string = A.confirmPin): Promise<ReturnType<Agent['post']>> {
  await admin.get('/otp/register/per-user');
  return admin.post('/otp/register/per-user', { loginId, serial, otp: otp ?? (await f.otp(serial)), confirmPin });
}

async function registerShared(serial: string, otp?: string): Promise<ReturnType<Agent['post']>> {
  await admin.get('/otp/register/shared');
  return admin.post('/otp/register/shared', { serial, otp: otp ?? (await f.otp(serial)), confirmPin: A.confirmPin });
}

/** The 「現在のシリアル番号」 of each user on screen A. */
function currentSerials(body: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const m of body.matchAll(/<tr data-login-id="(\w+)"[^>]*>[\s\S]*?data-col="current-serial">([^<]*)</g)) rows[m[1] ?? ''] = m[2] ?? '';
  return rows;
}

const lastRegisterAudit = async () => (await f.audit(A.contractId)).filter((e) => e.action === 'token.register').at(-1);

describe('利用形態設定', () => {
  it('goes on to screen A or B with 次へ and changes nothing until a registration succeeds', async () => {
    const formPage = await admin.get('/otp/form');
    assert.equal(formPage.status, 200);
    assert.equal((await admin.post('/otp/form', { form: 'per_user' })).location, '/otp/register/per-user');
    assert.equal((await admin.post('/otp/form', { form: 'shared' })).location, '/otp/register/shared');
    const contract = await f.deps.store.transaction((tx) => tx.contracts.get(A.contractId));
    assert.equal(contract?.otpForm, 'none');
    assert.equal(contract?.otpStartedAtMs, null);
  });

  it('asks for a form when none was chosen or the value is not one of the two', async () => {
    assert.deepEqual((await admin.post('/otp/form', {})).errors, { form: 'no_form_selected' });
    assert.equal((await admin.post('/otp/form', { form: 'everyone' })).status, 422);
  });
});

describe('registration A (per-user form)', () => {
  it('registers a token to the selected user, shows it in 現在のシリアル番号 and starts OTP use under the form', async () => {
    const before = await admin.get('/otp/register/per-user');
    assert.equal(currentSerials(before.body).user01, '-');
    const done = await registerPerUser('user01', HW1);
    assert.equal(done.status, 303);
    assert.equal(done.location, '/otp/register/per-user?done=user01');
    const after = await admin.get(done.location ?? '');
    assert.equal(currentSerials(after.body).user01, HW1);
    assert.equal(currentSerials(after.body).user02, '-');
    assert.match(after.body, /data-notice="success"/);
    const contract = await f.deps.store.transaction((tx) => tx.contracts.get(A.contractId));
    assert.equal(contract?.otpForm, 'per_user');
    assert.equal(contract?.otpStartedAtMs, f.clock.nowMs);
    assert.equal((await f.token(HW1)).status, 'registered');
    const audit = await lastRegisterAudit();
    assert.equal(audit?.outcome, 'registered');
    assert.equal(audit?.target, HW1);
    assert.equal(audit?.actor, `admin:${A.contractId}`);
    assert.deepEqual(JSON.parse(audit?.detail ?? '{}'), { form: 'per_user', loginId: 'user01', drift: 0, formChanged: true });
  });

  it('registers the same token to two users with two successive codes', async () => {
    assert.equal((await registerPerUser('user01', HW1)).status, 303);
    f.clock.advance(STEP_MS);
    assert.equal((await registerPerUser('user02', HW1)).status, 303);
    const rows = currentSerials((await admin.get('/otp/register/per-user')).body);
    assert.equal(rows.user01, HW1);
    assert.equal(rows.user02, HW1);
  });

  it('never accepts the registration code twice, neither for another registration nor for a later payment', async () => {
    const code = await f.otp(HW1);
    assert.equal((await registerPerUser('user01', HW1, code)).status, 303);
    const again = await registerPerUser('user02', HW1, code);
    assert.equal(again.status, 422);
    assert.deepEqual(again.errors, { otp: 'otp_replayed' });
    assert.equal(currentSerials((await admin.get('/otp/register/per-user')).body).user02, '-');
    assert.equal(JSON.parse((await lastRegisterAudit())?.detail ?? '{}').cause, 'replayed');
    const payment = await f.deps.store.transaction((tx) => useTokenCode(tx, f.deps.keyring, f.clock.nowMs, { serial: HW1, code, purpose: 'payment', statuses: ['registered'] }));
    assert.deepEqual(payment, { kind: 'rejected', reason: 'replayed', lockedNow: false });
  });

  it('re-registration replaces the user’s token, and the token no user holds any more is issued again', async () => {
    await registerPerUser('user01', HW1);
    f.clock.advance(STEP_MS);
    await registerPerUser('user01', HW1B);
    assert.equal(currentSerials((await admin.get('/otp/register/per-user')).body).user01, HW1B);
    assert.equal((await f.token(HW1)).status, 'issued');
  });

  it('accepts a code of a token that drifted within the registration window', async () => {
    const drifted = await f.otp(SW, f.clock.nowMs + 9 * STEP_MS);
    assert.equal((await registerPerUser('user03', SW, drifted)).status, 303);
    assert.equal((await f.token(SW)).drift, 9);
  });

  it('gives an unknown serial, another contract’s token and a wrong OTP one message in one place, and the same page', async () => {
    const normalise = (body: string, serial: string): string => body.replaceAll(`value="${serial}"`, 'value="SERIAL"');
    const unknown = await registerPerUser('user01', '99999999999999', '123456');
    const otherContract = await registerPerUser('user01', B.serial, await f.otp(B.serial));
    const wrong = await registerPerUser('user01', HW1, await f.wrongOtp(HW1));
    for (const page of [unknown, otherContract, wrong]) {
      assert.equal(page.status, 422);
      assert.deepEqual(page.errors, { token: 'token_or_otp_invalid' });
    }
    assert.equal(normalise(unknown.body, '99999999999999'), normalise(wrong.body, HW1));
    assert.equal(normalise(otherContract.body, B.serial), normalise(wrong.body, HW1));
    const b = await f.token(B.serial);
    assert.equal(b.consecutiveFailures, 0, 'another contract’s token is not even touched');
    assert.equal(b.lastCounter, null);
    const causes = (await f.audit(A.contractId)).filter((e) => e.action === 'token.register').map((e) => JSON.parse(e.detail).cause);
    assert.deepEqual(causes, ['unknown_serial', 'other_contract', 'invalid']);
  });

  it('keeps the selected user and the serial, and never the OTP or the PIN, when it refuses', async () => {
    const page = await registerPerUser('user02', HW1, await f.wrongOtp(HW1));
    assert.match(page.body, /value="user02" id="reg-user02" checked/);
    assert.match(page.body, new RegExp(`name="serial" type="text" value="${HW1}"`));
    assert.match(page.body, /name="otp" type="text" value=""/);
    assert.match(page.body, /name="confirmPin" type="password" value=""/);
    assert.doesNotMatch(page.body, new RegExp(A.confirmPin));
  });

  it('asks for a user when none was selected', async () => {
    await admin.get('/otp/register/per-user');
    const page = await admin.post('/otp/register/per-user', { serial: HW1, otp: await f.otp(HW1), confirmPin: A.confirmPin });
    assert.deepEqual(page.errors, { loginId: 'no_user_selected' });
    assert.equal((await f.token(HW1)).lastCounter, null, 'the OTP was not spent');
  });

  it('refuses another contract’s user, and says so as for a user who does not exist', async () => {
    const page = await registerPerUser(B.loginId, HW1);
    assert.deepEqual(page.errors, { loginId: 'user_not_found' });
    assert.equal((await f.deps.store.transaction((tx) => tx.registrations.active(B.contractId))).length, 0);
  });

  it('names each malformed field: empty, full-width, letters, too long, too short', async () => {
    await admin.get('/otp/register/per-user');
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ loginId: 'user01', serial: '', otp: '', confirmPin: '' }, { serial: 'required', otp: 'required', confirmPin: 'required' }],
      [{ loginId: 'user01', serial: '１０００００００００００１１', otp: '１２３４５６', confirmPin: A.confirmPin }, { serial: 'not_half_width', otp: 'not_half_width' }],
      [{ loginId: 'user01', serial: HW1, otp: '12a456', confirmPin: A.confirmPin }, { otp: 'bad_format' }],
      [{ loginId: 'user01', serial: '1'.repeat(33), otp: '123456789', confirmPin: A.confirmPin }, { serial: 'too_long', otp: 'too_long' }],
      [{ loginId: 'user01', serial: HW1, otp: '12345', confirmPin: A.confirmPin }, { otp: 'too_short' }],
      [{ loginId: 'user 01', serial: 'ABC-1', otp: '123456', confirmPin: A.confirmPin }, { loginId: 'bad_format', serial: 'bad_format' }],
    ];
    for (const [form, expected] of cases) {
      const page = await admin.post('/otp/register/per-user', form);
      assert.equal(page.status, 422);
      assert.deepEqual(page.errors, expected, JSON.stringify(form));
    }
    assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.register').length, 0, 'nothing reached the domain');
  });
});

describe('the contract PIN at registration', () => {
  it('refuses a wrong PIN plainly and leaves the OTP unspent', async () => {
    const code = await f.otp(HW1);
    const wrong = await registerPerUser('user01', HW1, code, 'wrong123');
    assert.deepEqual(wrong.errors, { confirmPin: 'pin_wrong' });
    assert.equal((await lastRegisterAudit())?.outcome, 'pin_wrong');
    assert.equal((await registerPerUser('user01', HW1, code)).status, 303, 'the same code still works');
  });

  it(`locks after ${MAX_CONFIRM_PIN_FAILURES} wrong PINs and refuses the right PIN while locked, for every operation`, async () => {
    for (let i = 1; i <= MAX_CONFIRM_PIN_FAILURES; i++) {
      assert.deepEqual((await registerPerUser('user01', HW1, undefined, `wrong${i}x`)).errors, { confirmPin: 'pin_wrong' });
    }
    const locked = await registerPerUser('user01', HW1);
    assert.deepEqual(locked.errors, { confirmPin: 'pin_locked' });
    assert.equal((await f.token(HW1)).lastCounter, null);
    const pinAudit = (await f.audit(A.contractId)).filter((e) => e.action === 'token.register');
    assert.deepEqual(pinAudit.map((e) => e.outcome), [...Array(MAX_CONFIRM_PIN_FAILURES).fill('pin_wrong'), 'pin_locked']);
    assert.equal(JSON.parse(pinAudit[MAX_CONFIRM_PIN_FAILURES - 1]?.detail ?? '{}').pinLockedNow, true);
    await admin.get('/users/delete?loginId=user05');
    assert.deepEqual((await admin.post('/users/delete', { loginId: 'user05', confirmPin: A.confirmPin })).errors, { confirmPin: 'pin_locked' });
    assert.match((await admin.get('/menu')).body, /status-locked/);
  });
});

describe('the token lock', () => {
  it(`locks a token after ${MAX_CONSECUTIVE_OTP_FAILURES} wrong codes, refuses its right code, and 利用中止解除 lifts it`, async () => {
    await registerPerUser('user01', HW1);
    f.clock.advance(STEP_MS);
    for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
      assert.deepEqual((await registerPerUser('user02', HW1, await f.wrongOtp(HW1))).errors, { token: 'token_or_otp_invalid' });
    }
    assert.deepEqual((await registerPerUser('user02', HW1)).errors, { token: 'token_locked' });
    assert.equal((await f.token(HW1)).status, 'locked');
    const list = await admin.get('/users');
    assert.match(list.body, /data-login-id="user01"[\s\S]*?data-col="token-state"><span class="status status-locked">/);

    await admin.get('/users/unlock?loginId=user01');
    const unlocked = await admin.post('/users/unlock', { loginId: 'user01', confirmPin: A.confirmPin });
    assert.equal(unlocked.location, '/users?done=unlocked&loginId=user01');
    assert.equal((await f.token(HW1)).status, 'registered');
    assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.unlock').at(-1)?.outcome, 'unlocked');
    f.clock.advance(STEP_MS);
    assert.equal((await registerPerUser('user02', HW1)).status, 303);
  });
});

describe('registration B (shared form) and switching forms', () => {
  it('registers one token for the contract and shows it in 現在のシリアル番号', async () => {
    const before = await admin.get('/otp/register/shared');
    assert.match(before.body, /id="current-serial" class="serial">-</);
    const done = await registerShared(HW2);
    assert.equal(done.location, '/otp/register/shared?done=1');
    const after = await admin.get(done.location ?? '');
    assert.match(after.body, new RegExp(`id="current-serial" class="serial">${HW2}<`));
    assert.equal((await f.deps.store.transaction((tx) => tx.contracts.get(A.contractId)))?.otpForm, 'shared');
    assert.deepEqual(JSON.parse((await lastRegisterAudit())?.detail ?? '{}'), { form: 'shared', loginId: null, drift: 0, formChanged: true });
  });

  it('switches per-user → shared → per-user; the old form’s registrations stop applying and stay in the history', async () => {
    await registerPerUser('user01', HW1);
    f.clock.advance(STEP_MS);
    await registerPerUser('user02', SW);
    assert.match((await admin.get('/otp/register/shared')).body, /data-warning="form-switch"/);
    f.clock.advance(STEP_MS);
    await registerShared(HW2);
    const a = await admin.get('/otp/register/per-user');
    assert.equal(currentSerials(a.body).user01, '-');
    assert.equal(currentSerials(a.body).user02, '-');
    assert.match(a.body, /data-warning="form-switch"/);
    const users = await admin.get('/users');
    assert.match(users.body, new RegExp(`data-login-id="user05"[\\s\\S]*?data-col="serial">${HW2}`), 'under the shared form every user has the shared token');
    assert.equal((await f.token(HW1)).status, 'issued');

    f.clock.advance(STEP_MS);
    await registerPerUser('user03', HW1);
    assert.match((await admin.get('/otp/register/shared')).body, /id="current-serial" class="serial">-</);
    const history = await f.deps.store.transaction((tx) => tx.registrations.history(A.contractId));
    assert.equal(history.length, 4);
    assert.deepEqual(history.filter((r) => r.endedAtMs === null).map((r) => [r.form, r.loginId, r.serial]), [['per_user', 'user03', HW1]]);
    const changes = (await f.audit(A.contractId)).filter((e) => e.action === 'token.register' && e.outcome === 'registered').map((e) => JSON.parse(e.detail).formChanged);
    assert.deepEqual(changes, [true, false, true, true]);
  });
});
