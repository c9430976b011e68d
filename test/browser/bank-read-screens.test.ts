// The console's read screens in Chromium, as a helpdesk call would use them: 契約先検索 → 契約先詳細 →
// トークン詳細 → 監査ログ (and the dashboard's トークン一覧), logged in as a viewer. Screenshots of each screen,
// and axe-core on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { appendAudit, BANK_CHAIN } from '../../src/domain/audit.ts';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { aToken } from '../../src/store/conformance/fixtures.ts';
import { enrolledStaff, STAFF_PASSWORD } from '../support/staff-world.ts';
import { A } from '../web/fixture.ts';
import { BROWSER_STEP_TIMEOUT_MS, LAPTOP, launchBrowser, openSite, PHONE, screenshot, SKIP_WITHOUT_BROWSER } from './harness.ts';
import { button, check, label } from './bank-harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DAY_MS = 86_400_000;

test('console read screens: 契約先検索, 契約先詳細, トークン詳細, 監査ログ and トークン一覧 as a viewer', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  // JavaScript on for axe-core's evaluation only: the console sends no script, and its CSP allows none.
  const context = await browser.newContext({ baseURL: site.baseUrl, viewport: LAPTOP, locale: 'ja-JP', javaScriptEnabled: true });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  const { f } = site;
  const viewer = await enrolledStaff(f.deps, 'vw1', 'viewer');
  const now = f.clock.nowMs;
  await f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(A.contractId, MAX_LOGIN_FAILURES);
    await tx.tokens.insertBatch([
      aToken('70000000000001', { contractId: A.contractId, status: 'issued', expiresAtMs: now + 30 * DAY_MS }),
      aToken('70000000000002', { contractId: A.contractId, status: 'issued', expiresAtMs: now - DAY_MS }),
    ]);
    await appendAudit(tx, now - 3_600_000, { chain: BANK_CHAIN, actor: 'staff:op1', action: 'token.issue', target: A.serials[0], outcome: 'issued', detail: { reason: '新規契約のため発行' } });
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await appendAudit(tx, now - 600_000 + i * 1000, { chain: A.contractId, actor: 'admin:x', action: 'admin.login', target: A.contractId, outcome: i === MAX_LOGIN_FAILURES - 1 ? 'login_locked' : 'login_failed' });
    }
    await appendAudit(tx, now - 60_000, { chain: A.contractId, actor: 'admin:x', action: 'token.register', target: A.serials[0], outcome: 'registered' });
  });

  f.clock.advance(30_000);
  await page.goto('/bank/login');
  await label(page, '職員ID').fill('vw1');
  await label(page, 'パスワード').fill(STAFF_PASSWORD);
  await button(page, '次へ').click();
  await label(page, 'ワンタイムパスワード').fill(viewer.code());
  await button(page, 'ログイン').click();
  await check(page, 'ダッシュボード', 'bank-read-01-dashboard');

  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '契約先検索', exact: true }).click();
  await label(page, 'ご契約先ID（前方一致）または契約先名（部分一致）').fill('デモ');
  await button(page, '検索').click();
  await check(page, '契約先検索', 'bank-read-02-contract-search');
  await page.getByRole('link', { name: A.contractId, exact: true }).click();
  await check(page, '契約先詳細', 'bank-read-03-contract-detail');
  assert.equal(await page.locator('[data-lock="admin_login"] [data-locked]').textContent(), 'ロック中');
  assert.match((await page.locator('tr[data-serial="70000000000001"]').textContent()) ?? '', /有効期限が近づいています/);
  assert.match((await page.locator('tr[data-serial="70000000000002"]').textContent()) ?? '', /有効期限切れ/);

  await page.locator(`tr[data-serial="${A.serials[0]}"]`).getByRole('link', { name: A.serials[0], exact: true }).click();
  await check(page, 'トークン詳細', 'bank-read-04-token-detail');
  assert.match((await page.locator('[data-params]').textContent()) ?? '', /TOTP/);
  assert.match((await page.locator('table').last().textContent()) ?? '', /新規契約のため発行/);

  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: 'トークン検索', exact: true }).click();
  await label(page, 'シリアル番号').fill('99999999999999');
  await button(page, '検索').click();
  await check(page, 'トークン検索', 'bank-read-05-token-not-found');
  assert.equal(await page.getByText('該当するトークンはありません。').count() > 0, true);

  await page.goto(`/bank/contracts/${A.contractId}`);
  await page.getByRole('link', { name: 'この契約先の監査ログ', exact: true }).click();
  await check(page, '監査ログ', 'bank-read-06-audit');
  assert.equal(await page.locator('[data-chain-check="ok"]').count(), 1);
  assert.equal(await label(page, 'ご契約先ID').inputValue(), A.contractId);
  await label(page, '期間（開始日）').fill('2026-13-01');
  await button(page, '検索').click();
  await check(page, '監査ログ', 'bank-read-07-audit-errors');

  await page.goto('/bank/dashboard');
  await page.locator('[data-figure="expiringWithin90Days"] a').click();
  await check(page, 'トークン一覧', 'bank-read-08-token-list');
  assert.equal(await page.locator('tr[data-serial]').count(), 1);

  await page.setViewportSize(PHONE);
  await page.goto(`/bank/contracts/${A.contractId}`);
  await screenshot(page, 'bank-read-09-contract-detail-phone');
});
