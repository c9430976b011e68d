// トークン発行, トークン失効 and 同期ズレ補正 over HTTP, on the app as `npm start` serves it: issuing and resync
// are an operator's at once; every revocation waits for an approver, after which the token is refused by the
// users' payment and the bank systems' API; and each screen is offered only to the roles that may use it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorisePayment } from '../../src/domain/authorise-payment.ts';
import { preparePayment } from '../../src/domain/prepare-payment.ts';
import type { StaffRole } from '../../src/domain/staff-store-ports.ts';
import { tokyoDate } from '../../src/domain/tokyo-date.ts';
import { hmacKey } from '../../src/otp/hmac-key.ts';
import { totp } from '../../src/otp/totp.ts';
import { setupApi, type ApiWorld } from '../api/api-fixture.ts';
import { enrolledStaff, STAFF_PASSWORD, type StaffHandle } from '../support/staff-world.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { agent, type Agent, type Page } from '../web/agent.ts';
import { loginSteps, STEP_MS } from './bank-fixture.ts';

interface World extends ApiWorld {
  staff(id: string, role: StaffRole): Promise<StaffHandle>;
  loggedIn(who: StaffHandle): Promise<Agent>;
  status(serial: string): Promise<string | undefined>;
}

async function world(): Promise<World> {
  const a = await setupApi();
  return {
    ...a,
    staff: (id, role) => enrolledStaff(a.deps, id, role),
    async loggedIn(who) {
      a.clock.advance(STEP_MS);
      const browser = agent(a.app);
      const done = await loginSteps(browser, who.id, STAFF_PASSWORD, () => who.code());
      assert.equal(done.location, '/bank/dashboard');
      await browser.get('/bank/dashboard');
      return browser;
    },
    status: async (serial) => (await a.deps.store.transaction((tx) => tx.tokens.get(serial)))?.status,
  };
}

/** Tokens in the bank's stock, issued to nobody. */
async function stock(w: World, serials: readonly string[]): Promise<void> {
  await w.deps.store.transaction((tx) =>
    tx.tokens.insertBatch(
      serials.map((serial) => ({
        serial, kind: 'hardware', model: 'hw1', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const,
        sealed: w.deps.keyring.seal(serial, Buffer.alloc(20, 7)), counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'in_stock',
      }) as const),
    ),
  );
}

async function approveAs(w: World, a: Agent, who: StaffHandle, id: string, reason: string): Promise<Page> {
  w.clock.advance(STEP_MS);
  await a.get('/bank/approvals');
  return a.post(`/bank/approvals/${id}/approve`, { reason, otp: who.code() });
}
const pending = async (w: World) => (await w.deps.store.transaction((tx) => tx.approvals.list(10))).filter((r) => r.status === 'pending');

test('each operation screen and its menu entry are offered only to the roles that may use it', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const screens = { '/bank/credential-reset': ['operator', 'approver'], '/bank/revoke': ['operator', 'approver'], '/bank/issue': ['operator'], '/bank/resync': ['operator'] } as const;
  for (const role of ['viewer', 'operator', 'approver'] as const) {
    const a = await w.loggedIn(await w.staff(`${role}1`, role));
    const nav = (await a.get('/bank/dashboard')).body;
    for (const [path, roles] of Object.entries(screens)) {
      const may = (roles as readonly string[]).includes(role);
      assert.equal((await a.get(path)).status, may ? 200 : 403, `${role} GET ${path}`);
      assert.equal(nav.includes(`href="${path}"`), may, `${role} menu ${path}`);
    }
  }
});

test('トークン発行: an operator issues a range from stock at once; a range with a token not in stock issues nothing and names it', async (t) => {
  const w = await world();
  t.after(() => w.close());
  await stock(w, ['40000000000001', '40000000000002', '40000000000003', '40000000000005']);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/issue');
  const noReason = await op.post('/bank/issue', { contractId: C, fromSerial: '40000000000001', reason: '' });
  assert.deepEqual([noReason.status, noReason.errors.reason], [422, 'required']);
  const done = await op.post('/bank/issue', { contractId: C, fromSerial: '40000000000001', toSerial: '40000000000002', reason: '追加申込書による発行' });
  assert.equal(done.status, 200);
  assert.match(done.body, /data-issued><li>40000000000001<\/li><li>40000000000002<\/li><\/ul>/);
  assert.deepEqual([await w.status('40000000000001'), await w.status('40000000000002')], ['issued', 'issued']);
  const entry = (await w.audit()).find((e) => e.action === 'token.issue' && e.target === '40000000000001');
  assert.deepEqual([entry?.actor, JSON.parse(entry?.detail ?? '{}').reason], ['staff:op1', '追加申込書による発行']);

  const refused = await op.post('/bank/issue', { contractId: C, fromSerial: '40000000000002', toSerial: '40000000000004', reason: '追加発行' });
  assert.deepEqual([refused.status, refused.errors.fromSerial], [422, 'token_not_in_stock']);
  assert.match(refused.body, /data-unavailable="40000000000002" data-status="issued"/);
  assert.match(refused.body, /data-unavailable="40000000000004" data-status="unknown"/);
  assert.equal(await w.status('40000000000003'), 'in_stock', 'all or nothing');
  const unknown = await op.post('/bank/issue', { contractId: '99999999999', fromSerial: '40000000000005', reason: '発行' });
  assert.equal(unknown.errors.contractId, 'contract_not_found');
});

test('トークン失効: a registered token\'s revocation waits for an approver; then the users\' payment and the API refuse it', async (t) => {
  const w = await world();
  t.after(() => w.close());
  await w.register('user01', SERIAL.hw1);
  const details = { kind: 'transfer', bankCode: '0001', branchCode: '123', accountKind: 'futsu', accountNumber: '7654321', payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', transferDate: tokyoDate(w.deps.now()) } as const;
  const user = { actor: 'user:user01', ip: '198.51.100.1' } as const;
  const prepared = await preparePayment(w.deps, user, { contractId: C, loginId: 'user01' }, { accountId: w.accountId, amountYen: 1000n, details });
  assert.ok(prepared.ok);

  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/revoke');
  const noKind = await op.post('/bank/revoke', { serial: SERIAL.hw1, reason: '盗難の届出' });
  assert.equal(noKind.errors.kind, 'required');
  const unknown = await op.post('/bank/revoke', { serial: '99999999999999', kind: 'lost', reason: '紛失の届出' });
  assert.equal(unknown.errors.serial, 'token_not_found');
  const asked = await op.post('/bank/revoke', { serial: SERIAL.hw1, kind: 'stolen', reason: '盗難の届出（警察届出済み）' });
  assert.match(asked.body, /data-notice="success"/);
  assert.equal(await w.status(SERIAL.hw1), 'registered', 'asking revokes nothing');
  const [request] = await pending(w);
  assert.deepEqual(JSON.parse(request?.params ?? '{}'), { serial: SERIAL.hw1, kind: 'stolen', contractId: C });
  const list = await op.get('/bank/approvals');
  assert.match(list.body, new RegExp(`トークン失効：シリアル番号 ${SERIAL.hw1} のトークン（盗難）、ご契約先ID ${C}`));

  const apHandle = await w.staff('ap1', 'approver');
  const ap = await w.loggedIn(apHandle);
  const approved = await approveAs(w, ap, apHandle, request?.id ?? '', '届出書を確認');
  assert.match(approved.body, /data-status="executed"/);
  assert.equal(await w.status(SERIAL.hw1), 'lost');

  const code = await w.otp(SERIAL.hw1);
  const paid = await authorisePayment(w.deps, user, { contractId: C, loginId: 'user01', draftId: prepared.draft.id, proof: { kind: 'otp', code } });
  assert.deepEqual([paid.ok, paid.ok ? '' : paid.code], [false, 'not_registered']);
  assert.deepEqual((await w.verify({ contract: C, login: 'user01', otp: code })).json(), { result: 'rejected', reason: 'not_registered' });
  const revoke = (await w.audit()).find((e) => e.action === 'token.revoke');
  assert.deepEqual([revoke?.actor, JSON.parse(revoke?.detail ?? '{}').reason], ['staff:op1', '盗難の届出（警察届出済み）']);
  const again = await op.post('/bank/revoke', { serial: SERIAL.hw1, kind: 'lost', reason: '重複' });
  assert.equal(again.errors.serial, 'token_final');
});

test('トークン失効 of an unregistered token goes through approval too; a second request for a token revoked meanwhile fails at approval', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/revoke');
  await op.post('/bank/revoke', { serial: SERIAL.hw2, kind: 'broken', reason: '電池切れ' });
  await op.post('/bank/revoke', { serial: SERIAL.hw2, kind: 'lost', reason: '紛失' });
  assert.equal(await w.status(SERIAL.hw2), 'issued');
  // Both asked at the same pinned instant: tell them apart by their kind, not by the list's order.
  const asked = await pending(w);
  const first = asked.find((r) => JSON.parse(r.params).kind === 'broken');
  const second = asked.find((r) => JSON.parse(r.params).kind === 'lost');
  const apHandle = await w.staff('ap1', 'approver');
  const ap = await w.loggedIn(apHandle);
  await approveAs(w, ap, apHandle, first?.id ?? '', '確認');
  assert.equal(await w.status(SERIAL.hw2), 'revoked');
  const late = await approveAs(w, ap, apHandle, second?.id ?? '', '確認');
  assert.match(late.body, new RegExp(`data-request="${second?.id}" data-status="failed"`));
  assert.equal(late.errors._form, 'token_final');
  assert.equal(await w.status(SERIAL.hw2), 'revoked');
});

test('同期ズレ補正: two consecutive codes resync the token and show the drift; non-consecutive and replayed pairs are refused', async (t) => {
  const w = await world();
  t.after(() => w.close());
  const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1));
  if (token === undefined || token.params.type !== 'totp') throw new Error('no TOTP token');
  const params = token.params;
  const key = hmacKey(w.deps.keyring.open(SERIAL.hw1, token.sealed));
  const codeAt = (steps: number): string => totp(key, w.clock.nowMs + steps * params.stepSeconds * 1000, params);
  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  await op.get('/bank/resync');
  const gap = await op.post('/bank/resync', { serial: SERIAL.hw1, firstCode: codeAt(10), secondCode: codeAt(12), reason: '認証できないとの問合せ' });
  assert.deepEqual([gap.status, gap.errors.firstCode], [422, 'resync_refused']);
  const bad = await op.post('/bank/resync', { serial: SERIAL.hw1, firstCode: '12', secondCode: codeAt(11), reason: '問合せ' });
  assert.equal(bad.errors.firstCode, 'too_short');
  const pair = { serial: SERIAL.hw1, firstCode: codeAt(10), secondCode: codeAt(11), reason: '認証できないとの問合せ' };
  const done = await op.post('/bank/resync', pair);
  assert.equal(done.status, 200);
  assert.match(done.body, /data-old-drift="0"/);
  assert.match(done.body, /data-new-drift="11"/);
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.drift, 11);
  const replayed = await op.post('/bank/resync', pair);
  assert.equal(replayed.errors.secondCode, 'otp_replayed');
  const entry = (await w.audit()).find((e) => e.action === 'token.resync' && e.outcome === 'resynced');
  assert.deepEqual([entry?.actor, JSON.parse(entry?.detail ?? '{}').reason], ['staff:op1', '認証できないとの問合せ']);
});
