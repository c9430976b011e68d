// The software token app (/app) in Chromium with JavaScript on, at phone width, with the browser's clock
// pinned to the fixture's (so the codes the page shows are the codes the server expects at that moment).
// Every /app/api request and response body is recorded, for the test that the secret never travels.

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setup, type Fixture } from '../web/fixture.ts';
import { BROWSER_STEP_TIMEOUT_MS, PHONE } from './harness.ts';

export interface Exchange {
  readonly url: string;
  readonly request: string;
  readonly response: string;
}

export interface AppSite {
  readonly f: Fixture;
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly exchanges: Exchange[];
  close(): Promise<void>;
}

export async function openApp(browser: Browser, extend?: (app: FastifyInstance, f: Fixture) => void): Promise<AppSite> {
  const f = await setup({ users: 2 });
  const app = f.createApp();
  extend?.(app, f);
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
  return {
    f,
    app,
    baseUrl,
    context,
    page,
    exchanges,
    async close() {
      await context.close();
      await app.close();
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
