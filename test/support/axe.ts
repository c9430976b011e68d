// axe-core's accessibility rules on a page as the browser rendered it. The screens are tested with
// JavaScript off (they need none), but axe runs in the page and needs it; so the rendered document is
// served again, unchanged, to a JavaScript-enabled copy of the page at the same address (its stylesheets
// load from the app as before), axe-core is evaluated there through the DevTools protocol (page.evaluate,
// which the page's CSP does not govern) and `axe.run()` is called. Serious and critical violations fail.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('expectNoSeriousAxeViolations needs a page of a launched browser');
  const url = page.url();
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize(), locale: 'ja-JP' });
  try {
    const copy = await context.newPage();
    await copy.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    await copy.evaluate(AXE_SOURCE);
    const violations = await copy.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `axe-core found serious or critical violations on ${url}`);
  } finally {
    await context.close();
  }
}
