// The console's operations through maker–checker on SQLite and (when BIZOTP_TEST_POSTGRES_URL is set)
// PostgreSQL: 暗証番号再発行 and トークン失効 run only in the approving transaction, a request is checked when
// made, and of two approvers deciding one request at once exactly one executes it.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { approve, requestApproval, takeApprovalResult } from '../src/domain/maker-checker.ts';
import { verifySecret } from '../src/domain/password-hash.ts';
import { setupWorld, type World } from './support/domain-setup.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';
import { enrolledStaff } from './support/staff-world.ts';

const CONTRACT = '10000000001';

const stores: { name: string; url: () => Promise<string> }[] = [{ name: 'SQLite', url: async () => ':memory:' }];
if (POSTGRES_URL !== undefined) stores.push({ name: 'PostgreSQL', url: () => freshPostgresDatabase('staff_operations') });

async function world(t: TestContext, url: () => Promise<string>): Promise<World> {
  const w = await setupWorld(await url());
  t.after(() => w.close());
  await w.contract(CONTRACT);
  await enrolledStaff(w.deps, 'op1', 'operator');
  await enrolledStaff(w.deps, 'ap1', 'approver');
  await enrolledStaff(w.deps, 'ap2', 'approver');
  return w;
}
const OP = { staffId: 'op1', ip: '192.0.2.1' } as const;
const contract = (w: World) => w.deps.store.transaction((tx) => tx.contracts.get(CONTRACT));

for (const store of stores) {
  describe(`console operations through approval on ${store.name}`, { concurrency: false }, () => {
    test('a reset runs only when approved; its value, for the requester alone, is the one whose hash was stored', async (t) => {
      const w = await world(t, store.url);
      if (store.name === 'PostgreSQL') markPostgresSuiteRan();
      assert.deepEqual(await requestApproval(w.deps, OP, 'reset_credential', { kind: 'user_password', contractId: CONTRACT, loginId: 'nobody' }, '届出'), { ok: false, code: 'user_not_found', field: 'loginId' });
      const asked = await requestApproval(w.deps, OP, 'reset_credential', { kind: 'confirm_pin', contractId: CONTRACT }, '失念の届出');
      if (!asked.ok) throw new Error(asked.code);
      assert.equal((await contract(w))?.confirmPinMustChange, false);
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '確認'), { ok: true, executed: true, outcome: 'reset' });
      assert.equal((await contract(w))?.confirmPinMustChange, true);
      assert.deepEqual(await takeApprovalResult(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id), { ok: false, code: 'approval_not_found' });
      const taken = await takeApprovalResult(w.deps, OP, asked.id);
      if (!taken.ok) throw new Error(taken.code);
      assert.equal(await verifySecret(taken.secret, (await contract(w))?.confirmPinHash ?? ''), true);
    });

    test('two approvers approving one reset at once: exactly one executes it', async (t) => {
      const w = await world(t, store.url);
      const asked = await requestApproval(w.deps, OP, 'reset_credential', { kind: 'admin_password', contractId: CONTRACT }, '失念の届出');
      if (!asked.ok) throw new Error(asked.code);
      const results = await Promise.all(['ap1', 'ap2'].map((staffId) => approve(w.deps, { staffId, ip: 'ip' }, asked.id, '確認')));
      assert.equal(results.filter((r) => r.ok && r.executed).length, 1, JSON.stringify(results));
      assert.deepEqual(results.filter((r) => !r.ok), [{ ok: false, code: 'approval_decided' }]);
      const resets = (await w.deps.store.transaction((tx) => tx.audit.entries(CONTRACT))).filter((e) => e.action === 'credential.reset');
      assert.equal(resets.length, 1);
      const taken = await takeApprovalResult(w.deps, OP, asked.id);
      if (!taken.ok) throw new Error(taken.code);
      assert.equal(await verifySecret(taken.secret, (await contract(w))?.adminPasswordHash ?? ''), true, 'the value shown is the one that won');
    });

    test('a revocation is asked for on the token\'s contract chain and runs when approved; a final token cannot be asked for', async (t) => {
      const w = await world(t, store.url);
      await w.token('40000000000001', { contractId: CONTRACT });
      assert.deepEqual(await requestApproval(w.deps, OP, 'revoke_token', { serial: '49999999999999', kind: 'lost' }, '届出'), { ok: false, code: 'token_not_found', field: 'serial' });
      const asked = await requestApproval(w.deps, OP, 'revoke_token', { serial: '40000000000001', kind: 'broken' }, '故障の届出');
      if (!asked.ok) throw new Error(asked.code);
      const request = (await w.deps.store.transaction((tx) => tx.audit.entries(CONTRACT))).find((e) => e.action === 'approval.request');
      assert.equal(request?.target, asked.id);
      assert.deepEqual(await approve(w.deps, { staffId: 'ap1', ip: 'ip' }, asked.id, '確認'), { ok: true, executed: true, outcome: 'revoked' });
      assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get('40000000000001')))?.status, 'revoked');
      assert.deepEqual(await requestApproval(w.deps, OP, 'revoke_token', { serial: '40000000000001', kind: 'lost' }, '届出'), { ok: false, code: 'token_final', field: 'serial' });
    });
  });
}
