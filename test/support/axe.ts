// Accessibility checks for browser tests: serious and critical axe-core violations (WCAG 2.x) fail the test.
// axe-core is injected through the DevTools protocol (page.evaluate, which the page's CSP does not block).
// axe needs timers, which do not run in a page whose JavaScript is disabled (the users' screens are tested
// so, because they work without it): the page's HTML as it is now is therefore judged in a page of its own,
// with JavaScript on, at the same address, so that its stylesheets load from the same server.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

async function violationsOf(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (): Promise<Violation[]> => {
    type AxeResult = { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
}

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('the page has no browser');
  const [url, content, viewport] = [page.url(), await page.content(), page.viewportSize()];
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'ja-JP', ...(viewport === null ? {} : { viewport }) });
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: content }));
    await copy.goto(url);
    await copy.waitForLoadState('load');
    const serious = (await violationsOf(copy)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `axe-core found serious violations on ${url}:\n${JSON.stringify(serious, null, 2)}`);
  } finally {
    await context.close();
  }
}
