// The staff console in Chromium: first login with enrolment of the authenticator, the dashboard, a ロック解除
// asked for by an operator and approved by a second staff member. Screenshots of each screen, and axe-core
// on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { appendAudit } from '../../src/domain/audit.ts';
import { MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { enrolledStaff, newStaff, STAFF_PASSWORD, staffCodeAt } from '../support/staff-world.ts';
import { fromBase32 } from '../bank/bank-fixture.ts';
import { A } from '../web/fixture.ts';
import { BROWSER_STEP_TIMEOUT_MS, LAPTOP, launchBrowser, onScreen, openSite, PHONE, screenshot, SKIP_WITHOUT_BROWSER } from './harness.ts';
import { button, check, label } from './bank-harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});


test('staff console: enrolment at first login, dashboard, and an unlock asked for and approved by another', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  // JavaScript on for axe-core's evaluation only: the console sends no script, and its CSP allows none.
  const context = await browser.newContext({ baseURL: site.baseUrl, viewport: LAPTOP, locale: 'ja-JP', javaScriptEnabled: true });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  const { f } = site;
  await newStaff(f.deps, 'op1', 'operator');
  const approver = await enrolledStaff(f.deps, 'ap1', 'approver');
  await f.deps.store.transaction(async (tx) => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.contracts.beginAdminLoginAttempt(A.contractId, MAX_LOGIN_FAILURES);
    await appendAudit(tx, f.clock.nowMs - 60_000, { chain: A.contractId, actor: 'admin:x', action: 'admin.login', target: A.contractId, outcome: 'login_locked' });
    // A day of verifications for the chart: more in office hours, a few refusals.
    for (let h = 0; h < 24; h++) {
      const count = 2 + ((h * 7) % 9);
      for (let i = 0; i < count; i++) {
        const outcome = i % 5 === 4 ? 'token_or_otp_invalid' : 'accepted';
        await appendAudit(tx, f.clock.nowMs - h * 3_600_000 - i * 1000, { chain: A.contractId, actor: 'api:teller', action: 'api.otp.verify', target: 'user01', outcome });
      }
    }
  });

  await page.goto('/bank/login');
  await check(page, '職員ログイン', 'bank-01-login');
  await label(page, '職員ID').fill('op1');
  await label(page, 'パスワード').fill(STAFF_PASSWORD);
  await button(page, '次へ').click();
  await check(page, 'ワンタイムパスワード認証の登録', 'bank-02-enrol');
  const secret = fromBase32((await page.locator('[data-secret]').textContent()) ?? '');
  await label(page, 'ワンタイムパスワード').fill(staffCodeAt(secret, f.clock.nowMs));
  await button(page, '登録').click();
  await check(page, 'ダッシュボード', 'bank-03-dashboard');
  assert.equal(await page.locator('[data-figure="pendingApprovals"] .figure-value').textContent(), '0');

  await page.getByRole('link', { name: 'ロック解除', exact: true }).click();
  await check(page, 'ロック解除', 'bank-04-unlock');
  await button(page, '承認を依頼').click();
  await onScreen(page, 'ロック解除');
  await screenshot(page, 'bank-05-unlock-errors');
  await label(page, 'ご契約先ID').fill(A.contractId);
  await page.getByLabel('管理者ログインのロック').check();
  await label(page, '理由').fill('お電話で本人確認済み（担当 山田）');
  await button(page, '承認を依頼').click();
  await check(page, 'ロック解除', 'bank-06-requested');
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-07-approvals-operator');
  assert.equal(await button(page, '承認').count(), 0, 'an operator has no 承認 button');
  await button(page, 'ログアウト').click();
  await onScreen(page, '職員ログイン');

  f.clock.advance(30_000);
  await label(page, '職員ID').fill('ap1');
  await label(page, 'パスワード').fill(STAFF_PASSWORD);
  await button(page, '次へ').click();
  await check(page, '職員ログイン', 'bank-08-otp');
  await label(page, 'ワンタイムパスワード').fill(approver.code());
  await button(page, 'ログイン').click();
  await onScreen(page, 'ダッシュボード');
  assert.equal(await page.locator('[data-figure="pendingApprovals"] .figure-value').textContent(), '1');
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-09-approvals-approver');
  const row = page.locator('tr[data-status="pending"]');
  await row.locator('input[id^="reason-"]').fill('申請内容を確認しました');
  f.clock.advance(30_000);
  await row.getByLabel('ワンタイムパスワード', { exact: true }).fill(approver.code());
  await row.getByRole('button', { name: '承認', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-10-approved');
  assert.equal(await page.locator('tr[data-status="executed"]').count(), 1);
  assert.equal((await f.deps.store.transaction((tx) => tx.contracts.get(A.contractId)))?.adminLoginFailures, 0);

  await page.setViewportSize(PHONE);
  await page.goto('/bank/dashboard');
  await screenshot(page, 'bank-11-dashboard-phone');
});
