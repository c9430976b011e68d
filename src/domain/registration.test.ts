import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { PIN, setupWorld, WHO, type World } from '../../test/support/domain-setup.ts';
import { bankUnlockContract } from './contracts.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_CONSECUTIVE_OTP_FAILURES, REGISTRATION_WINDOW_STEPS } from './policy.ts';
import { registerToken, type RegistrationRequest } from './registration.ts';
import { useTokenCode } from './use-token.ts';

const C1 = '10000000001';
const C2 = '10000000002';

let w: World;
beforeEach(async () => {
  w = await setupWorld();
  await w.contract(C1);
  await w.contract(C2);
  for (const u of ['user01', 'user02', 'user03']) await w.user(C1, u);
});
afterEach(() => w.close());

function req(over: Partial<RegistrationRequest>): RegistrationRequest {
  return { contractId: C1, form: 'per_user', loginId: 'user01', serial: '', otp: '', confirmPin: PIN, ...over };
}

async function auditOutcomes(chain: string, action: string): Promise<string[]> {
  const entries = await w.deps.store.transaction((tx) => tx.audit.entries(chain));
  return entries.filter((e) => e.action === action).map((e) => e.outcome);
}

describe('registering a token (ワンタイムパスワード利用登録)', () => {
  test('a current OTP and the right PIN register the token to the user and begin OTP use under the form', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const r = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code() }));
    assert.deepEqual(r, { ok: true, serial: t.serial, formChanged: true });
    const { contract, regs, token } = await w.deps.store.transaction(async (tx) => ({
      contract: await tx.contracts.get(C1),
      regs: await tx.registrations.active(C1),
      token: await tx.tokens.get(t.serial),
    }));
    assert.equal(contract?.otpForm, 'per_user');
    assert.ok(contract?.otpStartedAtMs !== null);
    assert.deepEqual(regs.map((x) => [x.loginId, x.serial, x.form]), [['user01', t.serial, 'per_user']]);
    assert.equal(token?.status, 'registered');
    assert.deepEqual(await auditOutcomes(C1, 'token.register'), ['registered']);
  });

  test('the code used at registration is never accepted again, not even for a later payment', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const code = t.code();
    assert.equal((await registerToken(w.deps, WHO, req({ serial: t.serial, otp: code }))).ok, true);
    const again = await registerToken(w.deps, WHO, req({ loginId: 'user02', serial: t.serial, otp: code }));
    assert.equal(again.ok ? 'ok' : again.code, 'otp_replayed');
    const payment = await w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: t.serial, code, purpose: 'payment', statuses: ['registered'] }));
    assert.equal(payment.kind === 'rejected' && payment.reason, 'replayed');
  });

  test('a wrong PIN is said plainly and leaves the OTP unevaluated and unspent', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const code = t.code();
    const wrong = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: code, confirmPin: 'wrong0000' }));
    assert.deepEqual(wrong, { ok: false, code: 'pin_wrong', field: 'confirmPin' });
    const token = await w.deps.store.transaction((tx) => tx.tokens.get(t.serial));
    assert.equal(token?.consecutiveFailures, 0);
    assert.equal((await registerToken(w.deps, WHO, req({ serial: t.serial, otp: code }))).ok, true);
  });

  test('five wrong PINs lock the PIN, a correct PIN is then refused, and only the bank unlocks it', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    for (let i = 0; i < MAX_CONFIRM_PIN_FAILURES; i++) {
      const r = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code(), confirmPin: `wrong${i}abc` }));
      assert.equal(r.ok ? 'ok' : r.code, 'pin_wrong');
    }
    const locked = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code() }));
    assert.equal(locked.ok ? 'ok' : locked.code, 'pin_locked');
    assert.equal((await bankUnlockContract(w.deps, WHO, C1, { kind: 'confirm_pin' })).ok, true);
    assert.equal((await registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code() }))).ok, true);
    assert.deepEqual(await auditOutcomes(C1, 'token.register'), ['pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_locked', 'registered']);
  });

  test('parallel wrong PINs are evaluated at most five times', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code(), confirmPin: `bad${i}pin0` }))));
    const codes = results.map((r) => (r.ok ? 'ok' : r.code));
    assert.equal(codes.filter((c) => c === 'pin_wrong').length, MAX_CONFIRM_PIN_FAILURES);
    assert.equal(codes.filter((c) => c === 'pin_locked').length, 20 - MAX_CONFIRM_PIN_FAILURES);
  });

  test('an unknown serial, a token of another contract and a wrong OTP give one and the same answer', async () => {
    const mine = await w.token('10000000000011', { contractId: C1 });
    const theirs = await w.token('10000000000021', { contractId: C2 });
    const unknown = await registerToken(w.deps, WHO, req({ serial: '99999999999999', otp: '123456' }));
    const other = await registerToken(w.deps, WHO, req({ serial: theirs.serial, otp: theirs.code() }));
    const wrongOtp = await registerToken(w.deps, WHO, req({ serial: mine.serial, otp: mine.code() === '000000' ? '111111' : '000000' }));
    for (const r of [unknown, other, wrongOtp]) assert.equal(r.ok ? 'ok' : r.code, 'token_or_otp_invalid');
    const theirToken = await w.deps.store.transaction((tx) => tx.tokens.get(theirs.serial));
    assert.equal(theirToken?.consecutiveFailures, 0, "another contract's token is not touched");
    assert.equal(theirToken?.status, 'issued');
  });

  test('registration accepts ±10 steps of drift, refuses 11, and stores the drift for later payments', async () => {
    const far = await w.token('10000000000011', { contractId: C1 });
    const tooFar = await registerToken(w.deps, WHO, req({ serial: far.serial, otp: far.code(REGISTRATION_WINDOW_STEPS + 1) }));
    assert.equal(tooFar.ok ? 'ok' : tooFar.code, 'token_or_otp_invalid');
    const edge = await registerToken(w.deps, WHO, req({ serial: far.serial, otp: far.code(REGISTRATION_WINDOW_STEPS) }));
    assert.equal(edge.ok, true);
    const token = await w.deps.store.transaction((tx) => tx.tokens.get(far.serial));
    assert.equal(token?.drift, REGISTRATION_WINDOW_STEPS);
    w.advance(60_000);
    // The payment window now centres on the drift: +10 is expected, +9 and +11 are inside, +8 is not.
    const use = (steps: number): Promise<string> =>
      w.deps.store.transaction(async (tx) => {
        const r = await useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: far.serial, code: far.code(steps), purpose: 'payment', statuses: ['registered'] });
        return r.kind === 'accepted' ? 'accepted' : r.reason;
      });
    assert.equal(await use(REGISTRATION_WINDOW_STEPS - 2), 'invalid');
    assert.equal(await use(REGISTRATION_WINDOW_STEPS), 'accepted');
  });

  test('one token may be registered to several users, and re-registration replaces a user’s token', async () => {
    const a = await w.token('10000000000011', { contractId: C1 });
    const b = await w.token('10000000000012', { contractId: C1 });
    assert.equal((await registerToken(w.deps, WHO, req({ loginId: 'user01', serial: a.serial, otp: a.code(0) }))).ok, true);
    assert.equal((await registerToken(w.deps, WHO, req({ loginId: 'user02', serial: a.serial, otp: a.code(1) }))).ok, true);
    assert.equal((await registerToken(w.deps, WHO, req({ loginId: 'user01', serial: b.serial, otp: b.code(0) }))).ok, true);
    const regs = await w.deps.store.transaction((tx) => tx.registrations.active(C1));
    assert.deepEqual(regs.map((r) => [r.loginId, r.serial]).sort(), [['user01', b.serial], ['user02', a.serial]]);
  });

  test('registering under the other form switches the form and ends the old registrations, which stay in the history', async () => {
    const a = await w.token('10000000000011', { contractId: C1 });
    const s = await w.token('10000000000012', { contractId: C1 });
    assert.equal((await registerToken(w.deps, WHO, req({ serial: a.serial, otp: a.code() }))).ok, true);
    const shared = await registerToken(w.deps, WHO, req({ form: 'shared', loginId: null, serial: s.serial, otp: s.code() }));
    assert.deepEqual(shared, { ok: true, serial: s.serial, formChanged: true });
    const { contract, active, history, released } = await w.deps.store.transaction(async (tx) => ({
      contract: await tx.contracts.get(C1),
      active: await tx.registrations.active(C1),
      history: await tx.registrations.history(C1),
      released: await tx.tokens.get(a.serial),
    }));
    assert.equal(contract?.otpForm, 'shared');
    assert.deepEqual(active.map((r) => [r.loginId, r.serial, r.form]), [[null, s.serial, 'shared']]);
    assert.equal(history.length, 2);
    assert.equal(released?.status, 'issued', 'a token no registration uses goes back to issued');
  });

  test('registrations under both forms at once leave only registrations of the form the contract ends with', async () => {
    const a = await w.token('10000000000011', { contractId: C1 });
    const s = await w.token('10000000000012', { contractId: C1 });
    const [perUser, shared] = await Promise.all([
      registerToken(w.deps, WHO, req({ serial: a.serial, otp: a.code() })),
      registerToken(w.deps, WHO, req({ form: 'shared', loginId: null, serial: s.serial, otp: s.code() })),
    ]);
    assert.equal(perUser.ok && shared.ok, true);
    const { contract, active } = await w.deps.store.transaction(async (tx) => ({ contract: await tx.contracts.get(C1), active: await tx.registrations.active(C1) }));
    assert.equal(active.length, 1);
    assert.ok(active.every((r) => r.form === contract?.otpForm), `${contract?.otpForm}: ${active.map((r) => r.form).join(',')}`);
  });

  test('five wrong OTPs lock the token and the right code is refused while it is locked', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const wrong = t.code() === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
      const r = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: wrong }));
      assert.equal(r.ok ? 'ok' : r.code, 'token_or_otp_invalid');
    }
    const right = await registerToken(w.deps, WHO, req({ serial: t.serial, otp: t.code() }));
    assert.equal(right.ok ? 'ok' : right.code, 'token_locked');
    const token = await w.deps.store.transaction((tx) => tx.tokens.get(t.serial));
    assert.equal(token?.status, 'locked');
  });

  test('the per-user form needs a user, and the user must belong to the contract', async () => {
    const t = await w.token('10000000000011', { contractId: C1 });
    const none = await registerToken(w.deps, WHO, req({ loginId: null, serial: t.serial, otp: t.code() }));
    assert.equal(none.ok ? 'ok' : none.code, 'no_user_selected');
    const stranger = await registerToken(w.deps, WHO, req({ loginId: 'nobody', serial: t.serial, otp: t.code() }));
    assert.equal(stranger.ok ? 'ok' : stranger.code, 'user_not_found');
  });
});
