// ContractStore and UserStore: records, PIN / password attempt counters, the OTP form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aContract, aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

export function contractUserCases(open: OpenStore): void {
  test('a contract is stored with zero failures and no OTP form, and an unknown one is undefined', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    assert.deepEqual(await s.tx((tx) => tx.contracts.get(CONTRACT_ID)), {
      ...aContract(), adminLoginFailures: 0, adminLoginNotBeforeMs: 0, confirmPinFailures: 0, otpForm: 'none', otpStartedAtMs: null, adminPasswordMustChange: false, confirmPinMustChange: false,
    });
    assert.equal(await s.tx((tx) => tx.contracts.get(OTHER_CONTRACT_ID)), undefined);
  });

  test('confirm-PIN and admin-login attempts count separately up to their limit and reset separately', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    assert.equal((await s.tx((tx) => tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 2)))?.confirmPinFailures, 1);
    assert.equal((await s.tx((tx) => tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 2)))?.confirmPinFailures, 2);
    assert.equal(await s.tx((tx) => tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 2)), undefined);
    const admin = await s.tx((tx) => tx.contracts.beginAdminLoginAttempt(CONTRACT_ID, 2));
    assert.deepEqual([admin?.adminLoginFailures, admin?.confirmPinFailures], [1, 2]);
    await s.tx((tx) => tx.contracts.resetConfirmPinFailures(CONTRACT_ID));
    await s.tx((tx) => tx.contracts.resetAdminLoginFailures(CONTRACT_ID));
    const reset = await s.tx((tx) => tx.contracts.get(CONTRACT_ID));
    assert.deepEqual([reset?.adminLoginFailures, reset?.confirmPinFailures], [0, 0]);
    assert.equal(await s.tx((tx) => tx.contracts.beginAdminLoginAttempt(OTHER_CONTRACT_ID, 2)), undefined);
  });

  test('holdConfirmPinUnlocked returns the contract while its PIN has fewer failures than the maximum, never changing the count', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 2));
    assert.equal((await s.tx((tx) => tx.contracts.holdConfirmPinUnlocked(CONTRACT_ID, 2)))?.confirmPinFailures, 1);
    await s.tx((tx) => tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 2));
    assert.equal(await s.tx((tx) => tx.contracts.holdConfirmPinUnlocked(CONTRACT_ID, 2)), undefined, 'locked');
    assert.equal(await s.tx((tx) => tx.contracts.holdConfirmPinUnlocked(OTHER_CONTRACT_ID, 2)), undefined, 'unknown');
    assert.equal((await s.tx((tx) => tx.contracts.get(CONTRACT_ID)))?.confirmPinFailures, 2);
  });

  test('setOtpForm records the form and when OTP use began', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.contracts.setOtpForm(CONTRACT_ID, 'shared', T0_MS + 1));
    const contract = await s.tx((tx) => tx.contracts.get(CONTRACT_ID));
    assert.deepEqual([contract?.otpForm, contract?.otpStartedAtMs], ['shared', T0_MS + 1]);
  });

  test('users are stored per contract, listed by login id and counted', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.tx(async (tx) => {
      await tx.users.insert(aUser('user02', { canTransfer: false, canPayTax: true }));
      await tx.users.insert(aUser('user01'));
      await tx.users.insert(aUser('user01', { contractId: OTHER_CONTRACT_ID }));
    });
    assert.deepEqual(await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user02')), { ...aUser('user02', { canTransfer: false, canPayTax: true }), loginFailures: 0, loginNotBeforeMs: 0, passwordMustChange: false, confirmPinMustChange: false });
    assert.deepEqual((await s.tx((tx) => tx.users.list(CONTRACT_ID))).map((u) => u.loginId), ['user01', 'user02']);
    assert.equal(await s.tx((tx) => tx.users.count(CONTRACT_ID)), 2);
    assert.equal(await s.tx((tx) => tx.users.count(OTHER_CONTRACT_ID)), 1);
    assert.equal(await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user03')), undefined);
  });

  test('a user cannot belong to a contract that does not exist', async (t) => {
    const s = await setup(t, open);
    await assert.rejects(s.tx((tx) => tx.users.insert(aUser('user01'))));
  });

  test('update changes only the given fields and reports whether the user exists', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    assert.equal(await s.tx((tx) => tx.users.update(CONTRACT_ID, 'user01', { name: '新しい名前', canTransfer: false })), true);
    assert.deepEqual(await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user01')), { ...aUser('user01'), name: '新しい名前', canTransfer: false, loginFailures: 0, loginNotBeforeMs: 0, passwordMustChange: false, confirmPinMustChange: false });
    assert.equal(await s.tx((tx) => tx.users.update(CONTRACT_ID, 'user01', { passwordHash: 'p2', confirmPinHash: 'c2', canPayTax: true })), true);
    const user = await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user01'));
    assert.deepEqual([user?.passwordHash, user?.confirmPinHash, user?.canPayTax, user?.name], ['p2', 'c2', true, '新しい名前']);
    assert.equal(await s.tx((tx) => tx.users.update(CONTRACT_ID, 'user01', {})), true);
    assert.equal(await s.tx((tx) => tx.users.update(CONTRACT_ID, 'ghost', { name: 'x' })), false);
    assert.equal(await s.tx((tx) => tx.users.update(CONTRACT_ID, 'ghost', {})), false);
  });

  test('delete removes a user once', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    assert.equal(await s.tx((tx) => tx.users.delete(CONTRACT_ID, 'user01')), true);
    assert.equal(await s.tx((tx) => tx.users.delete(CONTRACT_ID, 'user01')), false);
    assert.equal(await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user01')), undefined);
  });

  test('login attempts count up to the limit and reset', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    assert.equal((await s.tx((tx) => tx.users.beginLoginAttempt(CONTRACT_ID, 'user01', 1)))?.loginFailures, 1);
    assert.equal(await s.tx((tx) => tx.users.beginLoginAttempt(CONTRACT_ID, 'user01', 1)), undefined);
    await s.tx((tx) => tx.users.resetLoginFailures(CONTRACT_ID, 'user01'));
    assert.equal((await s.tx((tx) => tx.users.get(CONTRACT_ID, 'user01')))?.loginFailures, 0);
    assert.equal(await s.tx((tx) => tx.users.beginLoginAttempt(CONTRACT_ID, 'ghost', 5)), undefined);
  });
}
