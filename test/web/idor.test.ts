// ASVS 4.0.3 4.2.1: an admin sees and changes only its own contract. The contract id comes from the
// session; every route is tried with the other contract's user, token and contract id.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { agent, type Agent } from './agent.ts';
import { A, B, setup, type Fixture } from './fixture.ts';

let f: Fixture;
let adminA: Agent;
beforeEach(async () => {
  f = await setup({ users: 3 });
  adminA = agent(f.createApp());
  await adminA.login(A.contractId, A.adminPassword);
  await adminA.get('/menu');
});
afterEach(async () => {
  await f.close();
});

async function stateOfB(): Promise<string> {
  return f.deps.store.transaction(async (tx) =>
    JSON.stringify(
      { contract: await tx.contracts.get(B.contractId), users: await tx.users.list(B.contractId), regs: await tx.registrations.history(B.contractId), token: await tx.tokens.get(B.serial) },
      (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value),
    ),
  );
}

describe('one contract’s admin and another contract', () => {
  it('cannot read the other contract’s users on any screen', async () => {
    const query = `?loginId=${B.loginId}&contractId=${B.contractId}`;
    for (const path of ['/menu', '/menu/contract', '/users', '/users/edit', '/users/delete', '/users/unlock', '/users/unregister', '/otp/form', '/otp/register/per-user', '/otp/register/shared']) {
      const page = await adminA.get(path + query);
      assert.ok(page.status === 200 || page.status === 422, `${path}: ${page.status}`);
      assert.doesNotMatch(page.body, new RegExp(`${B.userName}|${B.contractName}|${B.serial}|value="${B.loginId}"`), path);
    }
    assert.deepEqual((await adminA.get(`/users/edit?loginId=${B.loginId}`)).errors, { loginId: 'user_not_found' });
  });

  it('cannot change, delete, unlock or unregister the other contract’s user, even with the right PIN and its contract id', async () => {
    const before = await stateOfB();
    const common = { loginId: B.loginId, contractId: B.contractId, confirmPin: A.confirmPin };
    await adminA.get('/users');
    assert.deepEqual((await adminA.post('/users/edit', { ...common, name: '乗っ取り', canTransfer: '1' })).errors, { loginId: 'user_not_found' });
    for (const op of ['delete', 'unlock', 'unregister']) {
      assert.deepEqual((await adminA.post(`/users/${op}`, common)).errors, { loginId: 'user_not_found' }, op);
    }
    assert.equal(await stateOfB(), before);
  });

  it('cannot register the other contract’s token, to its own users or as its shared token', async () => {
    const before = await stateOfB();
    await adminA.get('/otp/register/per-user');
    const perUser = await adminA.post('/otp/register/per-user', { loginId: 'user01', serial: B.serial, otp: await f.otp(B.serial), confirmPin: A.confirmPin, contractId: B.contractId });
    assert.deepEqual(perUser.errors, { token: 'token_or_otp_invalid' });
    const shared = await adminA.post('/otp/register/shared', { serial: B.serial, otp: await f.otp(B.serial), confirmPin: A.confirmPin, contractId: B.contractId });
    assert.deepEqual(shared.errors, { token: 'token_or_otp_invalid' });
    const toB = await adminA.post('/otp/register/per-user', { loginId: B.loginId, serial: A.serials[0], otp: await f.otp(A.serials[0]), confirmPin: A.confirmPin, contractId: B.contractId });
    assert.deepEqual(toB.errors, { loginId: 'user_not_found' });
    assert.equal(await stateOfB(), before);
  });

  it('creates a user in its own contract whatever contract id the form carries', async () => {
    await adminA.get('/users/new');
    await adminA.post('/users/new', { contractId: B.contractId, loginId: 'newone', name: '新人', userPassword: 'abc12345', userConfirmPin: 'abc12345', confirmPin: A.confirmPin });
    const [inA, inB] = await f.deps.store.transaction(async (tx) => [await tx.users.get(A.contractId, 'newone'), await tx.users.get(B.contractId, 'newone')]);
    assert.ok(inA);
    assert.equal(inB, undefined);
  });

  it('keeps the other contract’s own admin unaffected: B still sees its user and registers its own token', async () => {
    const adminB = agent(f.createApp());
    await adminB.login(B.contractId, B.adminPassword);
    const list = await adminB.get('/users');
    assert.match(list.body, new RegExp(B.userName));
    assert.doesNotMatch(list.body, />利用者1</);
    await adminB.get('/otp/register/per-user');
    const done = await adminB.post('/otp/register/per-user', { loginId: B.loginId, serial: B.serial, otp: await f.otp(B.serial), confirmPin: B.confirmPin });
    assert.equal(done.status, 303);
    assert.equal((await f.audit(B.contractId)).filter((e) => e.action === 'token.register').at(-1)?.actor, `admin:${B.contractId}`);
    assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.register').length, 0);
  });
});
