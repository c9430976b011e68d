// Debian's chromium driven by playwright-core against the app (with the users' screens and the API) served
// on a free port of 127.0.0.1. The app's clock is pinned, so OTPs are computed, never waited for. Never
// downloads a browser; screenshots go to test-output/screenshots/user-*.png.

import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO } from '../../src/demo-data.ts';
import { BROWSER_STEP_TIMEOUT_MS } from '../browser/harness.ts';
import { C, setupUserApp, type UserApp } from './fixture.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SKIP_WITHOUT_BROWSER: string | false = existsSync(CHROMIUM_PATH) ? false : `skipped: no chromium at ${CHROMIUM_PATH}`;
const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'] });
}

export interface Site {
  readonly f: UserApp;
  /** A new browser (context) with one page: a user's, or the administrator's. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

export async function openSite(browser: Browser): Promise<Site> {
  const f = await setupUserApp();
  await f.app.listen({ port: 0, host: '127.0.0.1' });
  const baseURL = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  const contexts: BrowserContext[] = [];
  return {
    f,
    async open() {
      const context = await browser.newContext({ baseURL, viewport: { width: 1180, height: 860 }, locale: 'ja-JP', javaScriptEnabled: false });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close();
      await f.close();
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `user-${name}.png`), fullPage: true });
}

export async function title(page: Page): Promise<string> {
  await page.waitForLoadState('load');
  return (await page.locator('h1').textContent())?.trim() ?? '';
}

export async function loginAsUser(page: Page, loginId: string): Promise<void> {
  await page.goto('/user/login');
  await page.getByLabel('ご契約先ID').fill(C);
  await page.getByLabel('利用者ID', { exact: true }).fill(loginId);
  await page.getByLabel('利用者暗証番号').fill(DEMO.userPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

export async function fillTransfer(page: Page, amount: string, payeeName = 'ﾔﾏﾀﾞ ﾀﾛｳ'): Promise<void> {
  await page.goto('/user/transfer');
  await page.getByLabel('金融機関コード').fill('0001');
  await page.getByLabel('支店コード').fill('123');
  await page.getByLabel('口座番号').fill('7654321');
  await page.getByLabel('受取人名').fill(payeeName);
  await page.getByLabel('金額（円）').fill(amount);
  await page.getByRole('button', { name: '確認画面へ' }).click();
}

/** The error code shown next to a field, in the summary or as a refusal. */
export async function shownError(page: Page): Promise<string | null> {
  return page.locator('[data-error-code]').first().getAttribute('data-error-code');
}
