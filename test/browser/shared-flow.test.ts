// Flow B of the seed in a real browser: 「全ての利用者が同じトークンを使用する」 from login to 「現在のシリアル番号」,
// and switching between the two forms (product.md §4).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { A } from '../web/fixture.ts';
import { button, currentSerialOf, goToUserSelect, label, launchBrowser, login, onScreen, openSite, screenshot, SKIP_WITHOUT_BROWSER, type Site } from './harness.ts';

const STEP_MS = 30_000;
const [HW1, HW2, , , SW] = A.serials;

async function chooseForm(page: Page, formLabel: string): Promise<void> {
  await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
  await onScreen(page, 'ワンタイムパスワード利用形態設定');
  await label(page, formLabel).check();
  await button(page, '次へ').click();
  await onScreen(page, 'ワンタイムパスワード利用登録');
}

async function fillTokenAndOk(site: Site, serial: string): Promise<void> {
  const { page } = site;
  await label(page, 'シリアル番号').fill(serial);
  await label(page, 'ワンタイムパスワード').fill(await site.f.otp(serial));
  await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
  await button(page, 'OK').click();
  await onScreen(page, 'ワンタイムパスワード利用登録');
}

async function backToUserSelect(page: Page): Promise<void> {
  await button(page, 'キャンセル').click();
  await onScreen(page, '利用者情報選択');
}

describe('registration B (全ての利用者が同じトークンを使用する) in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('walks from login to 「現在のシリアル番号」 by the labels', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);
      await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
      await onScreen(page, 'ワンタイムパスワード利用形態設定');
      await label(page, '全ての利用者が同じトークンを使用する').check();
      await screenshot(page, 'b01-form-setting-shared-chosen');
      await button(page, '次へ').click();
      await onScreen(page, 'ワンタイムパスワード利用登録');
      assert.equal(await page.getByTestId('otp-form').textContent(), '全ての利用者が同じトークンを使用する');
      assert.equal(await label(page, '現在のシリアル番号').textContent(), '-');
      assert.equal(await page.getByRole('group', { name: '利用登録情報' }).count(), 0, 'no user table under the shared form');
      await page.getByRole('img', { name: '④ソフトウェアトークン（スマートフォン用）' }).waitFor();
      await screenshot(page, 'b02-register-shared');

      await fillTokenAndOk(site, HW2);
      assert.equal(await label(page, '現在のシリアル番号').textContent(), HW2);
      await screenshot(page, 'b03-registered-shared');
      const contract = await f.deps.store.transaction((tx) => tx.contracts.get(A.contractId));
      assert.equal(contract?.otpForm, 'shared');
      assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.register').at(-1)?.outcome, 'registered');

      await backToUserSelect(page);
      assert.equal(await page.getByTestId('otp-form').textContent(), '全ての利用者が同じトークンを使用する');
      await screenshot(page, 'b04-user-select-shared');
    } finally {
      await site.close();
    }
  });

  it('switches from per-user to shared and back: each switch ends the other form’s registrations', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);

      await chooseForm(page, '全ての利用者が異なるトークンを使用する');
      await page.getByRole('radio', { name: '利用者1', exact: true }).check();
      await fillTokenAndOk(site, HW1);
      assert.equal(await currentSerialOf(page, '利用者1').textContent(), HW1);
      await backToUserSelect(page);

      f.clock.advance(STEP_MS);
      await chooseForm(page, '全ての利用者が同じトークンを使用する');
      await page.locator('[data-warning="form-switch"]').waitFor();
      await screenshot(page, 'b05-switch-to-shared-warning');
      await fillTokenAndOk(site, SW);
      assert.equal(await label(page, '現在のシリアル番号').textContent(), SW);
      await backToUserSelect(page);
      const user1 = page.getByRole('row').filter({ has: page.getByRole('radio', { name: '利用者1', exact: true }) });
      assert.match((await user1.textContent()) ?? '', new RegExp(`${SW}（共通）`), 'every user now has the shared token');

      f.clock.advance(STEP_MS);
      await chooseForm(page, '全ての利用者が異なるトークンを使用する');
      assert.equal(await currentSerialOf(page, '利用者1').textContent(), '-', 'the per-user registration ended at the first switch');
      await page.getByRole('radio', { name: '利用者2', exact: true }).check();
      await fillTokenAndOk(site, HW1);
      assert.equal(await currentSerialOf(page, '利用者2').textContent(), HW1);
      await screenshot(page, 'b06-switched-back-to-per-user');
      await page.goto('/otp/register/shared');
      assert.equal(await label(page, '現在のシリアル番号').textContent(), '-');
      const changes = (await f.audit(A.contractId)).filter((e) => e.action === 'token.register').map((e) => JSON.parse(e.detail).formChanged);
      assert.deepEqual(changes, [true, true, true]);
    } finally {
      await site.close();
    }
  });
});
