// The console's read screens over `inject`: 契約先検索 → 契約先詳細, トークン検索 → トークン詳細, トークン一覧,
// 監査ログ and its CSV export, and the dashboard's links. Staff see every contract (there is no owner to
// check), so what is proved is the role: every one of these is a GET a viewer may make, and the export is
// a right of its own that a viewer does not hold.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendAudit, BANK_CHAIN } from '../../src/domain/audit.ts';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { aContract, aToken } from '../../src/store/conformance/fixtures.ts';
import { A, B } from '../web/fixture.ts';
import { bankWorld } from './bank-fixture.ts';

const DAY_MS = 86_400_000;
const rowsOf = (body: string, attr: string): number => body.split(` ${attr}="`).length - 1;

async function world(t: { after: (fn: () => Promise<void>) => void }) {
  const w = await bankWorld();
  t.after(() => w.close());
  const viewer = await w.loggedIn(await w.staff('vw1', 'viewer'));
  return { w, viewer, now: (): number => w.f.clock.nowMs };
}

test('契約先検索 finds contracts by ID prefix or part of the name, and pages 50 at a time with 次へ and 前へ', async (t) => {
  const { w, viewer } = await world(t);
  await w.f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < 55; i++) await tx.contracts.insert(aContract(`3${String(i).padStart(10, '0')}`));
  });
  const byName = await viewer.get(`/bank/contracts?q=${encodeURIComponent('物産')}`);
  assert.equal(byName.status, 200);
  assert.equal(rowsOf(byName.body, 'data-contract'), 1);
  assert.match(byName.body, new RegExp(`href="/bank/contracts/${B.contractId}"`));
  const first = await viewer.get('/bank/contracts?q=3');
  assert.equal(rowsOf(first.body, 'data-contract'), 50);
  assert.match(first.body, /href="\/bank\/contracts\?q=3&amp;page=2"[^>]*>次へ|rel="next" href="\/bank\/contracts\?q=3&amp;page=2"/);
  assert.doesNotMatch(first.body, />前へ</);
  const second = await viewer.get('/bank/contracts?q=3&page=2');
  assert.equal(rowsOf(second.body, 'data-contract'), 5);
  assert.match(second.body, />前へ</);
  assert.doesNotMatch(second.body, />次へ</);
  assert.equal(rowsOf((await viewer.get('/bank/contracts?q=%25')).body, 'data-contract'), 0, 'a % typed by staff matches itself only');
});

test('契約先詳細 shows lock states, the OTP form, users, tokens with expiry flags, recent audit, and links onward', async (t) => {
  const { w, viewer, now } = await world(t);
  await w.f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(A.contractId, MAX_LOGIN_FAILURES);
    await tx.tokens.insertBatch([
      aToken('70000000000001', { contractId: A.contractId, status: 'issued', expiresAtMs: now() + 30 * DAY_MS }),
      aToken('70000000000002', { contractId: A.contractId, status: 'issued', expiresAtMs: now() - DAY_MS }),
    ]);
    await appendAudit(tx, now(), { chain: A.contractId, actor: 'admin:x', action: 'admin.login', target: A.contractId, outcome: 'login_locked' });
  });
  const page = await viewer.get(`/bank/contracts/${A.contractId}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /data-lock="admin_login"><span class="status status-locked" data-locked="true">ロック中/);
  assert.match(page.body, /data-lock="confirm_pin"><span class="status status-ok" data-locked="false">正常/);
  assert.match(page.body, /data-otp-form="none"/);
  assert.equal(rowsOf(page.body, 'data-user'), 12, 'the demo contract has 12 users');
  assert.match(page.body, /data-serial="70000000000001">[\s\S]*?有効期限が近づいています/);
  assert.match(page.body, /data-serial="70000000000002">[\s\S]*?有効期限切れ/);
  assert.match(page.body, /href="\/bank\/tokens\/10000000000011"/);
  assert.match(page.body, new RegExp(`href="/bank/audit\\?contractId=${A.contractId}"`));
  assert.match(page.body, /管理者ログイン[\s\S]*<code class="raw-code">login_locked<\/code>/);
  assert.doesNotMatch(page.body, /ロック解除へ/, 'a viewer may not ask for an unlock, so none is offered');

  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  const asOperator = await op.get(`/bank/contracts/${A.contractId}`);
  const link = /href="(\/bank\/unlock\?[^"]+)">ロック解除へ/.exec(asOperator.body)?.[1]?.replaceAll('&amp;', '&');
  assert.equal(link, `/bank/unlock?contractId=${A.contractId}&kind=admin_login`);
  const unlock = await op.get(link);
  assert.match(unlock.body, new RegExp(`name="contractId" type="text" value="${A.contractId}"`));
  assert.match(unlock.body, /value="admin_login" checked/);

  assert.equal((await viewer.get('/bank/contracts/99999999999')).status, 404);
  assert.equal((await viewer.get('/bank/contracts/abc')).status, 404);
});

test('トークン詳細 shows parameters, owner, counters and history across chains newest first; an unknown serial says so', async (t) => {
  const { w, viewer, now } = await world(t);
  const serial = A.serials[2];
  await w.f.deps.store.transaction(async (tx) => {
    await appendAudit(tx, now() - 2000, { chain: BANK_CHAIN, actor: 'staff:op9', action: 'token.issue', target: serial, outcome: 'issued', detail: { reason: '在庫から発行' } });
    await appendAudit(tx, now() - 1000, { chain: A.contractId, actor: 'admin:x', action: 'token.register', target: serial, outcome: 'registered' });
  });
  const found = await viewer.get(`/bank/tokens?serial=${serial}`);
  assert.equal(found.location, `/bank/tokens/${serial}`);
  const page = await viewer.get(`/bank/tokens/${serial}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /data-params>TOTP（時刻同期）・SHA256・8桁・30秒/);
  assert.match(page.body, new RegExp(`href="/bank/contracts/${A.contractId}"`));
  assert.match(page.body, /data-failures>0回/);
  const order = [...page.body.matchAll(/data-audit="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(order.slice(0, 2), [`${A.contractId}#${order[0]?.split('#')[1]}`, `${BANK_CHAIN}#${order[1]?.split('#')[1]}`]);
  assert.match(page.body, /職員 op9[\s\S]*理由：在庫から発行/);

  const token = await w.f.token(serial);
  assert.equal(page.body.includes(Buffer.from(token.sealed.blob).toString('hex')), false, 'the sealed secret is never on the page');
  assert.equal(page.body.includes(Buffer.from(token.sealed.blob).toString('base64')), false);

  const unknown = await viewer.get('/bank/tokens/99999999999999');
  assert.equal(unknown.status, 404);
  assert.match(unknown.body, /該当するトークンはありません。/);
  assert.equal((await viewer.get('/bank/tokens?serial=%EF%BC%91')).status, 404, 'a full-width serial is not found either');
});

test('監査ログ pages 100 entries newest first, filters by contract and dates (JST days), and shows the chain check', async (t) => {
  const { w, viewer, now } = await world(t);
  await w.f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < 130; i++) await appendAudit(tx, now() - DAY_MS + i * 1000, { chain: B.contractId, actor: 'user:buser01', action: 'user.login', target: 'buser01', outcome: 'ok' });
  });
  const first = await viewer.get(`/bank/audit?contractId=${B.contractId}`);
  assert.equal(first.status, 200);
  assert.equal(rowsOf(first.body, 'data-audit'), 100);
  assert.match(first.body, /data-chain-check="ok">改ざんは検出されませんでした/);
  const seqs = [...first.body.matchAll(/data-audit="[0-9]+#([0-9]+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(seqs.slice(0, 2), [seqs[0], (seqs[0] ?? 0) - 1], 'newest first');
  assert.match(first.body, /rel="next"/);
  const second = await viewer.get(`/bank/audit?contractId=${B.contractId}&page=2`);
  assert.ok(rowsOf(second.body, 'data-audit') >= 30);
  assert.match(second.body, /rel="prev"/);
  assert.doesNotMatch(second.body, /rel="next"/);
  assert.match(first.body, /利用者ログイン<span class="raw-code-line"><code class="raw-code">user.login<\/code>/);

  // T0 is 2026-11-24 18:00 JST; the entries are a day earlier, on 2026-11-23 (JST).
  const dayBefore = await viewer.get(`/bank/audit?contractId=${B.contractId}&from=2026-11-23&to=2026-11-23`);
  assert.equal(rowsOf(dayBefore.body, 'data-audit'), 100);
  const dayAfter = await viewer.get(`/bank/audit?contractId=${B.contractId}&from=2026-11-25`);
  assert.equal(rowsOf(dayAfter.body, 'data-audit'), 0);
  const bad = await viewer.get('/bank/audit?from=2026-02-30&contractId=12');
  assert.equal(bad.status, 422);
  assert.equal(bad.errors.from, 'date_invalid');
  assert.equal(bad.errors.contractId, 'too_short');
});

test('the audit CSV is an attachment, UTF-8 with a BOM, with formula cells neutralised; a viewer may not export; the export is audited', async (t) => {
  const { w, viewer, now } = await world(t);
  await w.f.deps.store.transaction((tx) => appendAudit(tx, now(), { chain: A.contractId, actor: 'admin:x', action: 'note', target: '=HYPERLINK("http://x")', outcome: 'ok' }));
  const refused = await viewer.get(`/bank/audit.csv?contractId=${A.contractId}`);
  assert.equal(refused.status, 403);
  assert.doesNotMatch((await viewer.get('/bank/audit')).body, /href="\/bank\/audit\.csv/, 'no export link is shown to a viewer');

  const op = await w.loggedIn(await w.staff('op1', 'operator'));
  assert.match((await op.get(`/bank/audit?contractId=${A.contractId}`)).body, new RegExp(`href="/bank/audit.csv\\?contractId=${A.contractId}"`));
  const csv = await op.get(`/bank/audit.csv?contractId=${A.contractId}`);
  assert.equal(csv.status, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="audit-\d{12}\.csv"$/);
  assert.ok(csv.body.startsWith('\uFEFF# heads '));
  assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/x""\)"/);
  assert.equal((await op.get('/bank/audit.csv?from=yesterday')).status, 400);
  const exported = await w.f.deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN));
  assert.ok(exported.some((e) => e.action === 'audit.export' && e.actor === 'staff:op1' && e.target === `contractId=${A.contractId}`));
});

test('the dashboard counts come from the lifecycle read model and each token figure opens its トークン一覧', async (t) => {
  const { w, viewer, now } = await world(t);
  await w.f.deps.store.transaction((tx) => tx.tokens.insertBatch([aToken('70000000000001', { expiresAtMs: now() + 30 * DAY_MS })]));
  const dashboard = await viewer.get('/bank/dashboard');
  assert.match(dashboard.body, /data-status="issued"><th scope="row">発行済（未登録）<\/th><td class="cell-number"><a href="\/bank\/token-list\?status=issued">6<\/a>/);
  assert.match(dashboard.body, /data-figure="expiringWithin90Days"><p class="figure-label">[^<]+<\/p><p class="figure-value"><a href="\/bank\/token-list\?expiring=90">1</);
  const issued = await viewer.get('/bank/token-list?status=issued');
  assert.equal(rowsOf(issued.body, 'data-serial'), 6);
  const expiring = await viewer.get('/bank/token-list?expiring=90');
  assert.equal(rowsOf(expiring.body, 'data-serial'), 1);
  assert.match(expiring.body, /有効期限が近づいています/);
  assert.equal((await viewer.get('/bank/token-list?status=nope')).status, 404);
});

test('a viewer sees 契約先検索, トークン検索 and 監査ログ in the section bar', async (t) => {
  const { viewer } = await world(t);
  const page = await viewer.get('/bank/dashboard');
  for (const href of ['/bank/contracts', '/bank/tokens', '/bank/audit']) assert.match(page.body, new RegExp(`<li><a href="${href}">`));
});
