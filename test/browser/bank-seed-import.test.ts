// シードファイル取込 in Chromium, JavaScript off as the console needs none: RFC 6030 Figure 6 (encrypted with a
// pre-shared key) through 確認 and 取込実行, a refused file, and a larger CSV whose progress page reloads
// itself (meta refresh) until the import is done. Screenshots of each screen, and axe-core on each.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ImportJob } from '../../src/web/bank/seed-uploads.ts';
import { seedResultPage } from '../../src/web/bank/views/seed-import-result-page.ts';
import { toHtmlString } from '../../src/web/html.ts';
import { enrolledStaff, STAFF_PASSWORD } from '../support/staff-world.ts';
import { launchBrowser, onScreen, openSite, PHONE, screenshot, SKIP_WITHOUT_BROWSER } from './harness.ts';
import { button, check, label } from './bank-harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

test('シードファイル取込: an encrypted PSKC file through 確認 and 取込実行, a refused file, and a progress page', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  const { f, page } = site;
  const operator = await enrolledStaff(f.deps, 'op1', 'operator');

  f.clock.advance(30_000);
  await page.goto('/bank/login');
  await label(page, '職員ID').fill('op1');
  await label(page, 'パスワード').fill(STAFF_PASSWORD);
  await button(page, '次へ').click();
  await label(page, 'ワンタイムパスワード').fill(operator.code());
  await button(page, 'ログイン').click();
  await onScreen(page, 'ダッシュボード');

  await page.getByRole('link', { name: 'シードファイル取込', exact: true }).click();
  await check(page, 'シードファイル取込', 'seed-01-form');
  await button(page, '確認').click();
  await check(page, 'シードファイル取込', 'seed-02-form-errors');

  await label(page, 'シードファイル').setInputFiles(join(FIXTURES, 'pskc/rfc6030-figure6.pskc'));
  await page.getByLabel('事前共有鍵（16進数）').check();
  await label(page, '鍵').fill('12345678901234567890123456789012');
  await page.getByLabel('hw2', { exact: true }).check();
  await label(page, '理由').fill('2026年12月納品分（担当 山田）');
  await button(page, '確認').click();
  await check(page, 'シードファイル取込（確認）', 'seed-03-preview');
  assert.equal(await page.locator('[data-preview="count"]').textContent(), '1件');
  assert.equal((await page.content()).includes('1234567890123456789012345678901'), false, 'the key is not on the page');
  await button(page, '取込実行').click();
  await onScreen(page, 'シードファイル取込（実行）');
  await page.locator('[data-imported="1"]').waitFor();
  await check(page, 'シードファイル取込（実行）', 'seed-04-imported');
  assert.equal((await f.deps.store.transaction((tx) => tx.tokens.get('987654321')))?.status, 'in_stock');

  await page.getByRole('link', { name: 'シードファイル取込へ戻る' }).click();
  await label(page, 'シードファイル').setInputFiles(join(FIXTURES, 'pskc/bad-mac-value.pskc'));
  await page.getByLabel('事前共有鍵（16進数）').check();
  await label(page, '鍵').fill('12345678901234567890123456789012');
  await label(page, '理由').fill('改ざん検査の確認');
  await button(page, '確認').click();
  await check(page, 'シードファイル取込（確認）', 'seed-05-refused');
  assert.equal(await page.locator('[data-refusal="mac_mismatch"]').count(), 1);
  assert.equal(await button(page, '取込実行').count(), 0);

  // A larger file: the result page reloads itself every 2 seconds (no JavaScript) until the import is done.
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-seed-browser-'));
  const rows = Array.from({ length: 5_000 }, (_, i) => `5${String(i).padStart(13, '0')},totp,SHA1,6,30,,${Buffer.from(`seed-browser-${String(i).padStart(8, '0')}`).toString('hex')},2031-03-31T23:59:59+09:00,hw1`);
  writeFileSync(join(dir, 'bulk.csv'), `serial,type,algorithm,digits,step,counter,secret_hex,expiry,model\n${rows.join('\n')}\n`);
  await page.getByRole('link', { name: 'ファイルを選び直す' }).click();
  await label(page, 'シードファイル').setInputFiles(join(dir, 'bulk.csv'));
  await label(page, '理由').fill('一括納品分');
  await button(page, '確認').click();
  // CSV is plaintext by nature: refused until the operator explicitly allows plaintext, as the CLI's --allow-plaintext.
  await check(page, 'シードファイル取込（確認）', 'seed-06a-plaintext-refused');
  assert.equal(await page.locator('[data-refusal="plaintext_not_allowed"]').count(), 1);
  await page.getByRole('link', { name: 'ファイルを選び直す' }).click();
  await label(page, 'シードファイル').setInputFiles(join(dir, 'bulk.csv'));
  await label(page, '平文のシードファイル（暗号化されていないPSKC、CSV）の取込を許可する').check();
  await label(page, '理由').fill('一括納品分');
  await button(page, '確認').click();
  await check(page, 'シードファイル取込（確認）', 'seed-06-preview-bulk');
  assert.equal(await page.locator('[data-preview="count"]').textContent(), '5,000件');
  await button(page, '取込実行').click();
  await onScreen(page, 'シードファイル取込（実行）');
  await screenshot(page, 'seed-07-first-result-page');
  // The page reloads itself (meta refresh, no click) while the import runs, until it is done.
  await page.locator('[data-imported="5000"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'seed-08-bulk-imported');
  assert.equal(await f.deps.store.transaction((tx) => tx.tokens.count()) >= 5_001, true);

  // The running state as the view renders it (an import this size is often done before the first page).
  const job: ImportJob = { id: 'running', staffId: 'op1', fileName: 'bulk.csv', total: 5000, imported: 1500, state: 'running', message: null, code: null, settled: Promise.resolve() };
  const session = { staffId: 'op1', name: '職員op1', role: 'operator', csrfToken: 'x', loggedIn: true } as const;
  await page.route('**/bank/seed-import/jobs/running', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: toHtmlString(seedResultPage(session, job)) }));
  await page.goto('/bank/seed-import/jobs/running');
  // No axe here: the page reloads itself every 2 seconds, under axe's feet; the finished page above has the same frame.
  await onScreen(page, 'シードファイル取込（実行）');
  await screenshot(page, 'seed-07-progress');
  assert.equal(await page.locator('[data-progress]').textContent(), '1,500 / 5,000件');
  await page.unroute('**/bank/seed-import/jobs/running');

  await page.setViewportSize(PHONE);
  await page.goto('/bank/seed-import');
  await screenshot(page, 'seed-09-form-phone');
});
