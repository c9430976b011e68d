// The console's operations in Chromium: 暗証番号再発行 asked for, refused to its own requester as approver,
// approved by a second approver, its initial value shown once to the requester, and the administrator's login
// with it forced to change it; トークン失効 asked for and approved; トークン発行 and 同期ズレ補正 done at once.
// Screenshots of each screen, and axe-core on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { enrolledStaff } from '../support/staff-world.ts';
import { A } from '../web/fixture.ts';
import { button, check, label, staffLogin, staffLogout } from './bank-harness.ts';
import { BROWSER_STEP_TIMEOUT_MS, LAPTOP, onScreen, openSite, screenshot, SKIP_WITHOUT_BROWSER, launchBrowser } from './harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('暗証番号再発行 with maker–checker, shown once to the requester; トークン失効 approved; トークン発行 and 同期ズレ補正', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  const { f, page, context } = site;
  const ap1 = await enrolledStaff(f.deps, 'ap1', 'approver');
  const ap2 = await enrolledStaff(f.deps, 'ap2', 'approver');
  const op1 = await enrolledStaff(f.deps, 'op1', 'operator');

  // ap1 asks for a reset of the administrator's ご契約先暗証番号.
  await staffLogin(page, f, ap1);
  await page.getByRole('link', { name: '暗証番号再発行', exact: true }).click();
  await check(page, '暗証番号再発行', 'bank-ops-01-reset-form');
  await button(page, '承認を依頼').click();
  await onScreen(page, '暗証番号再発行');
  await screenshot(page, 'bank-ops-02-reset-errors');
  await label(page, 'ご契約先ID').fill(A.contractId);
  await page.getByLabel('ご契約先暗証番号（管理者のログイン）').check();
  await label(page, '理由').fill('管理者から失念の届出（窓口で本人確認済み）');
  await button(page, '承認を依頼').click();
  await check(page, '暗証番号再発行', 'bank-ops-03-reset-requested');

  // His own request: no decision offered, and a forged approval is refused.
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-ops-04-own-request');
  const row = page.locator('tr[data-status="pending"]');
  assert.match((await row.textContent()) ?? '', /ご自身の申請です/);
  assert.equal(await row.getByRole('button', { name: '承認', exact: true }).count(), 0);
  const id = (await row.getAttribute('data-request')) ?? '';
  const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '';
  f.clock.advance(30_000);
  const forged = await context.request.post(`/bank/approvals/${id}/approve`, { form: { _csrf: csrf, reason: '自分で承認', otp: ap1.code() } });
  assert.equal(forged.status(), 422);
  assert.match(await forged.text(), /data-error-code="approval_self"/);
  await staffLogout(page);

  // ap2 approves: the reset runs, and ap2 is never shown the value.
  await staffLogin(page, f, ap2);
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-ops-05-approver-sees-request');
  const pending = page.locator(`tr[data-request="${id}"]`);
  await pending.locator('input[id^="reason-"]').fill('届出書と本人確認記録を確認');
  f.clock.advance(30_000);
  await pending.getByLabel('ワンタイムパスワード', { exact: true }).fill(ap2.code());
  await pending.getByRole('button', { name: '承認', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-ops-06-reset-approved');
  assert.equal(await page.locator(`tr[data-request="${id}"][data-status="executed"]`).count(), 1);
  assert.equal(await page.locator('[data-one-time]').count(), 0);
  assert.equal(await button(page, '初期暗証番号の表示（一度だけ）').count(), 0);
  await staffLogout(page);

  // ap1 sees the value once.
  await staffLogin(page, f, ap1);
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await button(page, '初期暗証番号の表示（一度だけ）').click();
  await check(page, '初期暗証番号の表示', 'bank-ops-07-initial-value');
  const value = ((await page.locator('[data-one-time]').textContent()) ?? '').trim();
  assert.match(value, /^[A-Za-z0-9]{10}$/);
  await page.getByRole('link', { name: '承認待ち一覧へ戻る' }).click();
  await onScreen(page, '承認待ち一覧');
  assert.equal(await button(page, '初期暗証番号の表示（一度だけ）').count(), 0, 'shown once only');
  await staffLogout(page);

  // The administrator logs in with it and must change it first.
  const customer = await context.browser()?.newContext({ baseURL: site.baseUrl, viewport: LAPTOP, locale: 'ja-JP', javaScriptEnabled: false });
  if (customer === undefined) throw new Error('no browser');
  t.after(() => customer.close());
  const admin = await customer.newPage();
  admin.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  await admin.goto('/login');
  await admin.getByLabel('ご契約先ID', { exact: true }).fill(A.contractId);
  await admin.getByLabel('ご契約先暗証番号', { exact: true }).fill(value);
  await admin.getByRole('button', { name: 'ログイン', exact: true }).click();
  await onScreen(admin, 'ご契約先暗証番号変更');
  assert.equal(await admin.locator('[data-forced-change]').count(), 1);
  await screenshot(admin, 'bank-ops-08-admin-forced-change');

  // トークン失効 asked for by an operator, approved by an approver.
  const serial = A.serials[0];
  await staffLogin(page, f, op1);
  await page.getByRole('link', { name: 'トークン失効', exact: true }).click();
  await check(page, 'トークン失効', 'bank-ops-09-revoke-form');
  await label(page, 'シリアル番号').fill(serial);
  await page.getByLabel('紛失', { exact: true }).check();
  await label(page, '理由').fill('お客さまから紛失の届出（電話、本人確認済み）');
  await button(page, '承認を依頼').click();
  await check(page, 'トークン失効', 'bank-ops-10-revoke-requested');
  assert.equal((await f.token(serial)).status, 'issued', 'nothing revoked by asking');

  // トークン発行 and 同期ズレ補正, done at once by the operator.
  await page.getByRole('link', { name: 'トークン発行', exact: true }).click();
  await check(page, 'トークン発行', 'bank-ops-11-issue-form');
  await label(page, 'ご契約先ID').fill(A.contractId);
  await label(page, 'シリアル番号（開始）').fill('10000000000011');
  await label(page, 'シリアル番号（終了）').fill('10000000000013');
  await label(page, '理由').fill('追加申込書による発行');
  await button(page, '発行').click();
  await check(page, 'トークン発行', 'bank-ops-12-issue-unavailable');
  assert.equal(await page.locator('[data-unavailable]').count(), 3);

  await page.getByRole('link', { name: '同期ズレ補正', exact: true }).click();
  await check(page, '同期ズレ補正', 'bank-ops-13-resync-form');
  const other = A.serials[3];
  await label(page, 'シリアル番号').fill(other);
  await label(page, '1つ目のワンタイムパスワード').fill(await f.otp(other, f.clock.nowMs + 5 * 30_000));
  await label(page, '2つ目のワンタイムパスワード').fill(await f.otp(other, f.clock.nowMs + 6 * 30_000));
  await label(page, '理由').fill('認証できないとの問合せ（時計のずれ）');
  await button(page, '補正').click();
  await check(page, '同期ズレ補正', 'bank-ops-14-resynced');
  assert.equal(await page.locator('[data-new-drift="6"]').count(), 1);
  await staffLogout(page);

  await staffLogin(page, f, ap2);
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  const revoke = page.locator('tr[data-status="pending"]').filter({ hasText: 'トークン失効' });
  await revoke.locator('input[id^="reason-"]').fill('届出内容を確認');
  f.clock.advance(30_000);
  await revoke.getByLabel('ワンタイムパスワード', { exact: true }).fill(ap2.code());
  await revoke.getByRole('button', { name: '承認', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-ops-15-revoke-approved');
  assert.equal((await f.token(serial)).status, 'lost');
});
