// Driving Debian's chromium with playwright-core against the app served in-process on a free port. The
// app's clock is the fixture's pinned one, so OTPs are computed, never waited for. Tests find controls by
// their visible Japanese labels and read error codes from data-error-code next to the field.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startAdminSession } from '../../src/domain/admin-sessions.ts';
import { A, setup, type Fixture, type SetupOptions } from '../web/fixture.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** node:test's skip message when there is no browser; CI installs it (apt-get install chromium). */
export const SKIP_WITHOUT_BROWSER: string | false = existsSync(CHROMIUM_PATH) ? false : `skipped: no chromium at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk)`;
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

/**
 * How long one browser step (a click, a navigation) may take. Generous on purpose: CI runs two test files at
 * once on two cores, and a step that only waits longer under load is not a failure of the screen.
 */
export const BROWSER_STEP_TIMEOUT_MS = 20_000;

export const LAPTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Site {
  readonly f: Fixture;
  readonly baseUrl: string;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** A fresh database, the app listening on 127.0.0.1, and a new browser context with one page. */
export async function openSite(browser: Browser, options: SetupOptions & { viewport?: { width: number; height: number } } = {}): Promise<Site> {
  const f = await setup(options);
  const app = f.createApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? LAPTOP, locale: 'ja-JP', javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  return {
    f,
    baseUrl,
    context,
    page,
    async close() {
      await context.close();
      await app.close();
      await f.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A cheaper, viewport-only screenshot, scrolled to show the first error message of the page. */
export async function screenshotOfError(page: Page, name: string): Promise<void> {
  const error = page.locator('.field-error, .error-summary, .error-page-message').last();
  if ((await error.count()) > 0) await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Waits for the screen whose <h1> is `title`, and checks that every input on it has a label. */
export async function onScreen(page: Page, title: string): Promise<void> {
  // Event-driven rather than polling: a click that submits waits for the navigation to commit, and the
  // load event then says the new page is complete, so its <h1> is read once, without retries.
  await page.waitForLoadState('load');
  assert.equal((await page.locator('h1').textContent())?.trim(), title);
  type Input = { labels: { length: number } | null; name: string; hasAttribute(name: string): boolean };
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    (els as unknown as Input[]).filter((e) => e.labels?.length === 0 && !e.hasAttribute('aria-label')).map((e) => e.name),
  );
  assert.deepEqual(unlabelled, [], `inputs without a label on ${title}`);
}

/** A logged-in admin without going through the login screen (for tests whose subject is elsewhere). */
export async function signIn(site: Site, contractId: string = A.contractId): Promise<void> {
  const session = await startAdminSession(site.f.deps, contractId, undefined);
  await site.context.addCookies([{ name: 'bizotp_sid', value: session.id, url: site.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
}

export async function login(page: Page, contractId: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('ご契約先ID', { exact: true }).fill(contractId);
  await page.getByLabel('ご契約先暗証番号', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** 管理者メニュー → 「ご契約先管理情報変更」 → 「利用者情報登録/変更」 → 「利用者情報選択」. */
export async function goToUserSelect(page: Page): Promise<void> {
  await onScreen(page, '管理者メニュー');
  await page.getByRole('link', { name: 'ご契約先管理情報変更', exact: true }).click();
  await onScreen(page, 'ご契約先管理情報変更');
  await page.getByRole('link', { name: '利用者情報登録/変更', exact: true }).click();
  await onScreen(page, '利用者情報選択');
}

export const label = (page: Page, text: string): Locator => page.getByLabel(text, { exact: true });
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

/** The error code shown in the same field box as the input labelled `fieldLabel`, which also points at it. */
export async function fieldErrorCode(page: Page, fieldLabel: string): Promise<string | null> {
  const input = label(page, fieldLabel);
  const box = page.locator('div.field').filter({ has: input });
  const error = box.locator('.field-error');
  if ((await error.count()) === 0) return null;
  const id = await error.getAttribute('id');
  assert.ok((await input.getAttribute('aria-describedby'))?.split(' ').includes(id ?? ''), `the error of ${fieldLabel} is tied to its input`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  return error.getAttribute('data-error-code');
}

/** The error code shown at the top of a fieldset (a group of radios, or 登録トークン情報). */
export async function groupErrorCode(page: Page, groupName: string): Promise<string | null> {
  const error = page.getByRole('group', { name: groupName, exact: true }).locator(':scope > .field-error');
  return (await error.count()) === 0 ? null : error.getAttribute('data-error-code');
}

/** The code of an error about the whole form (e.g. login_failed), or of an error page. */
export async function formErrorCode(page: Page): Promise<string | null> {
  const error = page.locator('[data-form-error], .error-page-message');
  return (await error.count()) === 0 ? null : error.first().getAttribute('data-error-code');
}

/** The 「現在のシリアル番号」 cell of the user whose radio is labelled `userName` on screen A. */
export function currentSerialOf(page: Page, userName: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('radio', { name: userName, exact: true }) }).getByRole('cell').nth(2);
}
