// ソフトウェアトークン発行 in the console, end to end: an operator issues, the QR code is shown once to that
// session (a reload, another tab or another staff member finds it gone), the URI it encodes gives codes an
// independent implementation (otplib) computes, the contract's administrator registers the serial on
// ワンタイムパスワード利用登録, the bank systems' API accepts the next code, and another contract cannot
// register it. Only operators may issue (deny by default).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSync } from 'otplib';
import { createContract } from '../../src/domain/contracts.ts';
import { DEMO } from '../../src/demo-data.ts';
import type { StaffRole } from '../../src/domain/staff-store-ports.ts';
import { setupApi, type ApiWorld } from '../api/api-fixture.ts';
import { decodeQrSvg } from '../support/qr-decode.ts';
import { enrolledStaff, STAFF_PASSWORD, type StaffHandle } from '../support/staff-world.ts';
import { C } from '../user/fixture.ts';
import { agent, type Agent, type Page } from '../web/agent.ts';
import { loginSteps, STEP_MS } from './bank-fixture.ts';

const OTHER = { id: '20000000002', adminPassword: 'kanri002', confirmPin: 'kakunin02' } as const;

interface World extends ApiWorld {
  staff(id: string, role: StaffRole): Promise<StaffHandle>;
  loggedIn(who: StaffHandle): Promise<Agent>;
}

async function world(): Promise<World> {
  const a = await setupApi();
  const made = await createContract(a.deps, { actor: 'bank:test', ip: 'test' }, { id: OTHER.id, name: 'テスト物産株式会社', adminPassword: OTHER.adminPassword, confirmPin: OTHER.confirmPin });
  assert.ok(made.ok);
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
  };
}

async function issue(browser: Agent, contractId = C): Promise<{ serial: string; page: Page }> {
  await browser.get('/bank/issue-soft');
  const posted = await browser.post('/bank/issue-soft', { contractId, reason: '認証アプリ希望の届出' });
  assert.equal(posted.status, 303, JSON.stringify(posted.errors));
  const serial = /^\/bank\/issue-soft\/(2\d{13})$/.exec(posted.location ?? '')?.[1] ?? '';
  assert.notEqual(serial, '');
  return { serial, page: await browser.get(posted.location ?? '') };
}

function svgOf(body: string): string {
  return /<figure[^>]*data-soft-qr>\s*(<svg[\s\S]*?<\/svg>)\s*<\/figure>/.exec(body)?.[1] ?? '';
}

function appCode(uri: string, nowMs: number): string {
  const q = new URL(uri).searchParams;
  return generateSync({ secret: q.get('secret') ?? '', algorithm: 'sha1', digits: 6, period: 30, epoch: Math.floor(nowMs / 1000) });
}

async function registerShared(w: World, contractId: string, password: string, confirmPin: string, serial: string, otp: string): Promise<Page> {
  const admin = agent(w.app);
  await admin.login(contractId, password);
  await admin.get('/otp/register/shared');
  return admin.post('/otp/register/shared', { serial, otp, confirmPin });
}

test('the QR code shown once decodes to a URI whose codes register the token for its contract only and pass the verify API', async () => {
  const w = await world();
  try {
    const browser = await w.loggedIn(await w.staff('sato', 'operator'));
    const { serial, page } = await issue(browser);
    assert.match(page.body, /data-copies-warning/);
    assert.match(page.body, /取り消すことができません/);
    assert.doesNotMatch(page.body, /otpauth:|<svg/);

    const shown = await browser.post(`/bank/issue-soft/${serial}/qr`, {});
    assert.equal(shown.status, 200);
    assert.match(shown.body, new RegExp(`data-serial>${serial}<`));
    assert.match(shown.body, /取り消すことができません/);
    assert.doesNotMatch(shown.body, /<script|style=/);
    const uri = decodeQrSvg(svgOf(shown.body));
    assert.equal(decodeURIComponent(new URL(uri).pathname), `/しんきん法人IB:${C}-${serial}`);
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    assert.ok(!shown.body.includes(secret), 'the secret is in the QR code only, never as text');

    // A reload (the same POST again), the issued page and a second tab find it gone.
    const again = await browser.post(`/bank/issue-soft/${serial}/qr`, {});
    assert.equal(again.status, 410);
    assert.match(again.body, /data-qr-gone/);
    assert.equal(svgOf(again.body), '');
    assert.match((await browser.get(`/bank/issue-soft/${serial}`)).body, /data-qr-gone/);

    const audit = await w.audit();
    assert.deepEqual(audit.filter((e) => e.target === serial).map((e) => [e.actor, e.action, e.outcome]), [['staff:sato', 'token.issue', 'issued'], ['staff:sato', 'token.qr_shown', 'shown']]);
    assert.ok(!JSON.stringify(audit).includes(secret));

    const refused = await registerShared(w, OTHER.id, OTHER.adminPassword, OTHER.confirmPin, serial, appCode(uri, w.clock.nowMs));
    assert.deepEqual([refused.status, refused.errors], [422, { token: 'token_or_otp_invalid' }]);
    const registered = await registerShared(w, C, DEMO.adminPassword, DEMO.confirmPin, serial, appCode(uri, w.clock.nowMs));
    assert.equal(registered.location, '/otp/register/shared?done=1', JSON.stringify(registered.errors));
    w.clock.advance(30_000);
    assert.deepEqual((await w.verify({ contract: C, login: 'user01', otp: appCode(uri, w.clock.nowMs) })).json(), { result: 'accepted', serial });
    w.clock.advance(30_000);
    const late = await registerShared(w, OTHER.id, OTHER.adminPassword, OTHER.confirmPin, serial, appCode(uri, w.clock.nowMs));
    assert.deepEqual([late.status, late.errors], [422, { token: 'token_or_otp_invalid' }]);
  } finally {
    await w.close();
  }
});

test('another staff member, even an operator, cannot show a QR code issued in someone else\'s session', async () => {
  const w = await world();
  try {
    const sato = await w.loggedIn(await w.staff('sato', 'operator'));
    const { serial } = await issue(sato);
    const tanaka = await w.loggedIn(await w.staff('tanaka', 'operator'));
    await tanaka.get(`/bank/issue-soft/${serial}`);
    assert.equal((await tanaka.post(`/bank/issue-soft/${serial}/qr`, {})).status, 410);
    assert.equal((await sato.post(`/bank/issue-soft/${serial}/qr`, {})).status, 200);
  } finally {
    await w.close();
  }
});

test('an unknown contract or a missing 理由 is refused on the form and issues nothing', async () => {
  const w = await world();
  try {
    const browser = await w.loggedIn(await w.staff('sato', 'operator'));
    const count = (): Promise<number> => w.deps.store.transaction((tx) => tx.tokens.count());
    const before = await count();
    await browser.get('/bank/issue-soft');
    const unknown = await browser.post('/bank/issue-soft', { contractId: '19999999999', reason: 'x' });
    assert.deepEqual([unknown.status, unknown.errors], [422, { contractId: 'contract_not_found' }]);
    const noReason = await browser.post('/bank/issue-soft', { contractId: C, reason: '' });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.errors.reason, 'required');
    assert.equal(await count(), before);
  } finally {
    await w.close();
  }
});

test('viewers and approvers are refused the screen and the action (403), and the menu offers it to operators only', async () => {
  const w = await world();
  try {
    for (const role of ['viewer', 'approver'] as const) {
      const browser = await w.loggedIn(await w.staff(`s-${role}`, role));
      assert.doesNotMatch((await browser.get('/bank/dashboard')).body, /ソフトウェアトークン発行/);
      assert.equal((await browser.get('/bank/issue-soft')).status, 403);
      assert.equal((await browser.post('/bank/issue-soft', { contractId: C, reason: 'x' })).status, 403);
    }
    const operator = await w.loggedIn(await w.staff('sato', 'operator'));
    assert.match((await operator.get('/bank/dashboard')).body, /href="\/bank\/issue-soft"/);
  } finally {
    await w.close();
  }
});
