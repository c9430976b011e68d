// ソフトウェアトークン発行 in Chromium: the operator issues a token, shows its QR code once (the camera's view
// of the screen decodes to the otpauth URI with the serial in its label), and a reload finds it gone.
// Screenshots of each screen, and axe-core on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { decodeQrPng } from '../support/qr-decode.ts';
import { enrolledStaff } from '../support/staff-world.ts';
import { A } from '../web/fixture.ts';
import { button, check, label, staffLogin } from './bank-harness.ts';
import { launchBrowser, onScreen, openSite, screenshot, SKIP_WITHOUT_BROWSER } from './harness.ts';

let browser: Browser;
before(async () => {
  if (SKIP_WITHOUT_BROWSER === false) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('ソフトウェアトークン発行: the QR code is shown once with its serial and the warning about copies, and a reload finds it gone', { skip: SKIP_WITHOUT_BROWSER }, async (t) => {
  const site = await openSite(browser);
  t.after(() => site.close());
  const { f, page } = site;
  await staffLogin(page, f, await enrolledStaff(f.deps, 'op1', 'operator'));

  await page.getByRole('link', { name: 'ソフトウェアトークン発行', exact: true }).click();
  await check(page, 'ソフトウェアトークン発行', 'bank-soft-01-form');
  await button(page, '発行').click();
  await check(page, 'ソフトウェアトークン発行', 'bank-soft-02-errors');
  await label(page, 'ご契約先ID').fill(A.contractId);
  await label(page, '理由').fill('標準の認証アプリ希望の届出（窓口で本人確認済み）');
  await button(page, '発行').click();
  await check(page, 'ソフトウェアトークン発行', 'bank-soft-03-issued');
  const serial = (await page.locator('[data-notice] [data-serial]').textContent()) ?? '';
  assert.match(serial, /^2\d{13}$/);
  assert.equal(await page.locator('svg').count(), 0);

  await button(page, 'QRコードを表示').click();
  await check(page, 'QRコードの表示', 'bank-soft-04-qr');
  assert.equal(await page.locator('dd[data-serial]').textContent(), serial);
  assert.match((await page.locator('[data-copies-warning]').first().textContent()) ?? '', /取り消すことができません/);
  const uri = decodeQrPng(await page.locator('[data-soft-qr]').screenshot());
  assert.equal(decodeURIComponent(new URL(uri).pathname), `/しんきん法人IB:${A.contractId}-${serial}`);
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  assert.ok(!(await page.content()).includes(secret));

  await page.reload();
  await onScreen(page, 'ソフトウェアトークン発行');
  await screenshot(page, 'bank-soft-05-reload-gone');
  assert.equal(await page.locator('[data-qr-gone]').count(), 1);
  assert.equal(await page.locator('[data-soft-qr]').count(), 0);
  assert.equal(await button(page, 'QRコードを表示').count(), 0);
});
