// The software token app (/app) in Chromium with JavaScript on, at phone width, with the browser's clock
// pinned to the fixture's (so the codes the page shows are the codes the server expects at that moment).
// Every /app/api request and response body is recorded, for the test that the secret never travels.

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SoftTokenRecord } from '../../src/domain/soft-token/soft-token-store-ports.ts';
import type { TokenRecord } from '../../src/domain/token.ts';
import { setupUserApp, type UserApp } from '../user/fixture.ts';
import { BROWSER_STEP_TIMEOUT_MS, LAPTOP, PHONE } from './harness.ts';

export interface Exchange {
  readonly url: string;
  readonly request: string;
  readonly response: string;
}

export interface AppSite {
  /** The demo world (contract, users, accounts) as `npm start` serves it, with the pinned clock. */
  readonly f: UserApp;
  readonly baseUrl: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly exchanges: Exchange[];
  /** The token's secret as the server keeps it (unsealed here, in the test, to look for it on the wire). */
  secretOf(serial: string): Promise<Buffer>;
  token(serial: string): Promise<TokenRecord | undefined>;
  softToken(serial: string): Promise<SoftTokenRecord | undefined>;
  /** Another browser (JavaScript off, laptop width), for the administrator's or a user's screens. */
  otherBrowser(): Promise<Page>;
  close(): Promise<void>;
}

export async function openApp(browser: Browser): Promise<AppSite> {
  const f = await setupUserApp();
  const app = f.app;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE, locale: 'ja-JP', javaScriptEnabled: true, serviceWorkers: 'allow' });
  await context.clock.setFixedTime(f.clock.nowMs);
  const page = await context.newPage();
  page.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
  const exchanges: Exchange[] = [];
  context.on('response', async (response) => {
    if (!response.url().includes('/app/api/')) return;
    const body = await response.text().catch(() => '');
    exchanges.push({ url: response.url(), request: response.request().postData() ?? '', response: body });
  });
  const others: BrowserContext[] = [];
  const token = (serial: string): Promise<TokenRecord | undefined> => f.deps.store.transaction((tx) => tx.tokens.get(serial));
  return {
    f,
    baseUrl,
    context,
    page,
    exchanges,
    token,
    softToken: (serial) => f.deps.store.transaction((tx) => tx.softTokens.get(serial)),
    async secretOf(serial) {
      const found = await token(serial);
      if (found === undefined) throw new Error(`no token ${serial}`);
      return f.deps.keyring.open(serial, found.sealed);
    },
    async otherBrowser() {
      const other = await browser.newContext({ baseURL: baseUrl, viewport: LAPTOP, locale: 'ja-JP', javaScriptEnabled: false });
      others.push(other);
      const otherPage = await other.newPage();
      otherPage.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
      return otherPage;
    },
    async close() {
      for (const other of others) await other.close();
      await context.close();
      await f.close();
    },
  };
}

/** Moves the server's and the browser's clocks together. */
export async function advance(site: AppSite, ms: number): Promise<void> {
  site.f.clock.advance(ms);
  await site.context.clock.setFixedTime(site.f.clock.nowMs);
}

/** Opens /app and waits until the page has read its tokens. */
export async function openAppPage(page: Page): Promise<void> {
  await page.goto('/app');
  await page.locator('#app-root[data-ready="true"]').waitFor();
}

/** The code shown for `serial` once the page has drawn it (data-code is set with the text). */
export async function shownCode(page: Page, serial: string): Promise<string> {
  const code = page.locator(`#otp-${serial}`);
  await page.locator(`#otp-${serial}[data-code]`).waitFor();
  const value = await code.getAttribute('data-code');
  assert.match(value ?? '', /^\d{6}$/);
  assert.equal((await code.textContent())?.replace(/\s/g, ''), value, 'the digits on screen are the code');
  return value ?? '';
}

const AXE_SOURCE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/** axe-core run in the live page (evaluate is not governed by the page's CSP); serious and critical fail. */
export async function expectAxeClean(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const serious = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<Result> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(serious, [], `axe-core found serious or critical violations on ${screen}`);
}
