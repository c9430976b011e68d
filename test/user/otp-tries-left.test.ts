// After a wrong OTP the confirm screen says, next to the OTP field, how many more wrong OTPs lock the token
// (product.md §4: 5 consecutive wrong OTPs lock it). The tests read the count from data-remaining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { registerToken } from '../../src/domain/registration.ts';
import { PIN, setupWorld, WHO } from '../support/domain-setup.ts';
import { userAgent } from './agent.ts';
import { SERIAL, setupUserApp } from './fixture.ts';

const remainingOf = (body: string): string | undefined => /id="f-otp-tries-left" data-remaining="(\d+)"/.exec(body)?.[1];

test('each wrong OTP at payment says how many more wrong ones lock the token, down to the one that locks it', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  assert.equal(remainingOf((await u.get(`/user/payments/confirm?id=${draftId}`)).body), undefined, 'nothing before a wrong OTP');
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
    const page = await u.post('/user/payments/execute', { draftId, otp: await f.wrongOtp(SERIAL.hw1) });
    assert.equal(page.errors.otp, 'otp_invalid');
    seen.push(remainingOf(page.body));
  }
  assert.deepEqual(seen, ['4', '3', '2', '1', '0']);
  const locked = await u.post('/user/payments/execute', { draftId, otp: await f.otp(SERIAL.hw1) });
  assert.equal(locked.errors.otp, 'token_locked');
  assert.equal(remainingOf(locked.body), undefined, 'a refusal that counted nothing says nothing about tries');
});

test('a replayed OTP at payment counts nothing and says nothing about the tries left', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const code = await f.otp(SERIAL.hw1);
  assert.equal((await u.post('/user/payments/execute', { draftId: await u.prepareTransfer(), otp: code })).status, 303);
  const replay = await u.post('/user/payments/execute', { draftId: await u.prepareTransfer(), otp: code });
  assert.equal(replay.errors.otp, 'otp_replayed');
  assert.equal(remainingOf(replay.body), undefined);
});

test('a wrong OTP at registration carries how many more wrong ones lock the token', async (t) => {
  const w = await setupWorld();
  t.after(() => w.close());
  await w.contract('10000000001');
  await w.user('10000000001', 'user01');
  const token = await w.token('10000000000011', { contractId: '10000000001' });
  const wrong = token.code() === '000000' ? '111111' : '000000';
  const r = await registerToken(w.deps, WHO, { contractId: '10000000001', form: 'per_user', loginId: 'user01', serial: token.serial, otp: wrong, confirmPin: PIN });
  assert.deepEqual(r, { ok: false, code: 'token_or_otp_invalid', field: 'otp', remaining: MAX_CONSECUTIVE_OTP_FAILURES - 1 });
});
