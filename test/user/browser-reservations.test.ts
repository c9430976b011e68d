// 予約 in a real browser: a user makes a transfer dated on a Saturday with an OTP (予約受付, executing on the
// Monday), makes a second one and cancels it with a fresh OTP on 予約照会・取消, and after the pinned clock
// moves to the Monday and the runner runs, the list shows the first executed, a third that passed the lowered
// daily limit failed with its reason, and the balance has moved once.
// Every new screen is photographed and checked with axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setTransferLimits } from '../../src/domain/ledger.ts';
import { createReservationScheduler } from '../../src/reservation-scheduler.ts';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { launchBrowser, loginAsUser, openSite, shot, shownError, SKIP_WITHOUT_BROWSER, title, type Site } from './browser-harness.ts';
import { C, SERIAL } from './fixture.ts';

const HOUR_MS = 3_600_000;

async function datedTransfer(site: Site, page: Page, amount: string, date: string): Promise<void> {
  await page.goto('/user/transfer');
  await page.getByLabel('金融機関コード').fill('0001');
  await page.getByLabel('支店コード').fill('123');
  await page.getByLabel('口座番号').fill('7654321');
  await page.getByLabel('受取人名').fill('ﾔﾏﾀﾞ ﾀﾛｳ');
  await page.getByLabel('金額（円）').fill(amount);
  await page.getByLabel('振込指定日').fill(date);
  await page.getByRole('button', { name: '確認画面へ' }).click();
  assert.equal(await title(page), '資金移動（確認）');
  await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
}

describe('reservations in chromium', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('a dated transfer is reserved with an OTP, another is cancelled with an OTP, and the first executes on its day', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register('user01', SERIAL.hw1);
    const opening = await site.f.balance();
    const page = await site.open();
    await loginAsUser(page, 'user01');
    await expectNoSeriousAxeViolations(page);

    // 2026-11-28 is a Saturday: reserved for Monday 11-30.
    await datedTransfer(site, page, '120000', '2026-11-28');
    assert.match((await page.getByTestId('reservation-notice').textContent()) ?? '', /2026年11月30日/);
    await shot(page, 'reservation-confirm');
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（予約受付）');
    assert.equal(await page.getByTestId('reservation-kind').textContent(), '予約受付');
    assert.equal(await page.getByTestId('execute-on').textContent(), '2026年11月30日');
    await shot(page, 'reservation-done');
    await expectNoSeriousAxeViolations(page);
    assert.equal(await site.f.balance(), opening, 'nothing is debited at authorisation');

    site.f.clock.advance(30_000);
    await datedTransfer(site, page, '5000', '2026-11-26');
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（予約受付）');
    site.f.clock.advance(30_000);
    await datedTransfer(site, page, '3000000', '2026-11-30');
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（予約受付）');

    await page.goto('/user/menu');
    await page.getByRole('link', { name: /予約照会・取消/ }).click();
    assert.equal(await title(page), '予約照会・取消');
    assert.equal(await page.getByTestId('reservation-row').count(), 3);
    await shot(page, 'reservations');
    await expectNoSeriousAxeViolations(page);

    // Cancel the one of 11-26 (listed first: the latest execution date first is 11-30, then 11-26).
    const second = page.getByTestId('reservation-row').filter({ hasText: '2026年11月26日' });
    await second.getByTestId('cancel-link').click();
    assert.equal(await title(page), '資金移動予約取消（確認）');
    site.f.clock.advance(30_000);
    await page.getByLabel('ワンタイムパスワード').fill(await site.f.wrongOtp(SERIAL.hw1));
    await page.getByRole('button', { name: '取消実行' }).click();
    assert.equal(await shownError(page), 'otp_invalid');
    await shot(page, 'reservation-cancel-confirm');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
    await page.getByRole('button', { name: '取消実行' }).click();
    assert.equal(await title(page), '資金移動予約取消（完了）');
    await shot(page, 'reservation-cancelled');
    await expectNoSeriousAxeViolations(page);

    // The bank lowers the daily limit to ¥1,000,000, so the ¥3,000,000 one cannot execute on Monday.
    await site.f.deps.store.transaction((tx) => setTransferLimits(tx, { actor: 'bank:test', ip: 'test' }, site.f.clock.nowMs, { contractId: C, perPaymentYen: 3_000_000n, dailyYen: 1_000_000n }));
    // Monday 2026-11-30, 09:00 in Tokyo: the server's runner executes what is due.
    site.f.clock.nowMs = Date.UTC(2026, 10, 30, 0, 0, 0);
    const counts = await createReservationScheduler(site.f.deps, { runnerId: 'browser-test' }).runOnce();
    assert.deepEqual([counts.executed, counts.failed], [1, 1]);
    site.f.clock.advance(HOUR_MS);
    await loginAsUser(page, 'user01'); // the session of days ago has ended
    await page.goto('/user/reservations');
    const statuses = await page.getByTestId('reservation-status').allTextContents();
    assert.deepEqual(statuses, ['実行できませんでした', '実行済', '取消済']);
    assert.equal(await page.locator('.reservation-failure').getAttribute('data-error-code'), 'over_daily_limit');
    assert.equal(await page.getByTestId('cancel-link').count(), 0);
    await shot(page, 'reservations-after-execution');
    await expectNoSeriousAxeViolations(page);
    assert.equal(await site.f.balance(), opening - 120_000n);
    assert.deepEqual((await site.f.history()).map((e) => e.amountYen), [120_000n]);
  });
});
