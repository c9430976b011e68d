// What the console's browser tests share: buttons and labels by their exact text, a screen check (title,
// screenshot, axe-core), and a staff member's login with 職員ID, password and the authenticator's code.

import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { STAFF_PASSWORD, type StaffHandle } from '../support/staff-world.ts';
import type { Fixture } from '../web/fixture.ts';
import { button, label, onScreen, screenshot } from './harness.ts';

// The same finders every browser test uses (harness.ts), re-exported so the console's tests import one place.
export { button, label } from './harness.ts';

/** The screen titled `title`, saved as `shot`, with no serious axe-core violation. */
export async function check(page: Page, title: string, shot: string): Promise<void> {
  await onScreen(page, title);
  await screenshot(page, shot);
  await expectNoSeriousAxeViolations(page);
}

/** An enrolled staff member logs in (the clock moves one step first, so the code is a fresh one). */
export async function staffLogin(page: Page, f: Fixture, who: StaffHandle): Promise<void> {
  f.clock.advance(30_000);
  await page.goto('/bank/login');
  await label(page, '職員ID').fill(who.id);
  await label(page, 'パスワード').fill(STAFF_PASSWORD);
  await button(page, '次へ').click();
  await onScreen(page, '職員ログイン');
  await label(page, 'ワンタイムパスワード').fill(who.code());
  await button(page, 'ログイン').click();
  await onScreen(page, 'ダッシュボード');
}

export async function staffLogout(page: Page): Promise<void> {
  await button(page, 'ログアウト').click();
  await onScreen(page, '職員ログイン');
}
