// 取引認証設定 in Chromium: an operator asks for signing above an amount, an approver approves it in 承認待ち一覧,
// and the screen then shows the new policy. Screenshots of each screen, and axe-core on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { enrolledStaff } from '../support/staff-world.ts';
import { button, check, label, staffLogin, staffLogout } from './bank-harness.ts';
import { openSite, SKIP_WITHOUT_BROWSER, launchBrowser } from './harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('取引認証設定: asked for by an operator, approved by an approver, then shown as the current policy', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  const { f, page } = site;
  const op1 = await enrolledStaff(f.deps, 'op1', 'operator');
  const ap1 = await enrolledStaff(f.deps, 'ap1', 'approver');

  await staffLogin(page, f, op1);
  await page.getByRole('link', { name: '取引認証設定', exact: true }).click();
  await check(page, '取引認証設定', 'bank-txnauth-01-form');
  assert.equal((await page.getByTestId('current-policy').textContent())?.trim(), '取引認証を使用しない');
  await page.getByLabel('次の金額を超える資金移動で使用する').check();
  await button(page, '承認を依頼').click();
  await check(page, '取引認証設定', 'bank-txnauth-02-errors');
  await page.getByLabel('次の金額を超える資金移動で使用する').check();
  await label(page, '金額（円）').fill('1000000');
  await label(page, '理由').fill('高額振込の不正送金対策（稟議済み）');
  await button(page, '承認を依頼').click();
  await check(page, '取引認証設定', 'bank-txnauth-03-requested');
  await staffLogout(page);

  await staffLogin(page, f, ap1);
  await page.getByRole('link', { name: '承認待ち一覧', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-txnauth-04-pending');
  const pending = page.locator('tr[data-status="pending"]');
  await pending.locator('input[id^="reason-"]').fill('稟議書を確認');
  f.clock.advance(30_000);
  await pending.getByLabel('ワンタイムパスワード', { exact: true }).fill(ap1.code());
  await pending.getByRole('button', { name: '承認', exact: true }).click();
  await check(page, '承認待ち一覧', 'bank-txnauth-05-approved');
  await page.getByRole('link', { name: '取引認証設定', exact: true }).click();
  await check(page, '取引認証設定', 'bank-txnauth-06-changed');
  assert.equal((await page.getByTestId('current-policy').textContent())?.trim(), '1,000,000円を超える資金移動で取引認証を使用する');
});
