// The customer's 暗証番号変更 in a real browser: the administrator changes both of his, a user both of hers,
// and after the bank's 暗証番号再発行 (resetCredential called directly, as the bank would) the next login
// leads straight to the change screen. Every new screen is checked with axe-core and photographed.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '../../src/demo-data.ts';
import { resetCredential } from '../../src/domain/reset-credential.ts';
import { staffActor } from '../../src/domain/staff-actor.ts';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { launchBrowser, loginAsUser, openSite, shot, SKIP_WITHOUT_BROWSER, title, type Site } from '../user/browser-harness.ts';
import { C } from '../user/fixture.ts';

const STAFF = staffActor('tanaka', 'お客さまから暗証番号失念の届出', 'test');

async function adminLogin(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('ご契約先ID', { exact: true }).fill(C);
  await page.getByLabel('ご契約先暗証番号', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

async function fillChange(page: Page, secretLabel: string, current: string, next: string, again = next): Promise<void> {
  await page.getByLabel(`現在の${secretLabel}`, { exact: true }).fill(current);
  await page.getByLabel(`新しい${secretLabel}`, { exact: true }).fill(next);
  await page.getByLabel(`新しい${secretLabel}（確認用）`, { exact: true }).fill(again);
  await page.getByRole('button', { name: '変更する', exact: true }).click();
}

describe('暗証番号変更 in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  let site: Site;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('the administrator changes the ご契約先暗証番号 and the ご契約先確認暗証番号 from the 管理者メニュー', async () => {
    site = await openSite(browser);
    try {
      const page = await site.open();
      await adminLogin(page, DEMO.adminPassword);
      assert.equal(await title(page), '管理者メニュー');
      await shot(page, 'credentials-admin-menu');
      await page.getByRole('link', { name: /ご契約先暗証番号変更/ }).click();
      assert.equal(await title(page), 'ご契約先暗証番号変更');
      await shot(page, 'credentials-admin-password-form');
      await expectNoSeriousAxeViolations(page);

      await fillChange(page, 'ご契約先暗証番号', 'wrong999', 'newKanri22', 'newKanri23');
      assert.equal(await page.locator('#f-nextAgain-error').getAttribute('data-error-code'), 'secret_mismatch');
      await fillChange(page, 'ご契約先暗証番号', 'wrong999', 'newKanri22');
      assert.equal(await page.locator('#f-current-error').getAttribute('data-error-code'), 'current_secret_wrong');
      assert.equal(await page.locator('#f-current-tries').getAttribute('data-tries-left'), '4');
      assert.equal(await page.getByLabel('現在のご契約先暗証番号', { exact: true }).inputValue(), '', 'secrets are not filled back in');
      await shot(page, 'credentials-admin-password-wrong-current');
      await expectNoSeriousAxeViolations(page);

      await fillChange(page, 'ご契約先暗証番号', DEMO.adminPassword, 'newKanri22');
      assert.equal(await title(page), 'ご契約先暗証番号変更（完了）');
      await shot(page, 'credentials-admin-password-done');
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('link', { name: '管理者メニューへ戻る' }).click();
      await page.getByRole('link', { name: /ご契約先確認暗証番号変更/ }).click();
      assert.equal(await title(page), 'ご契約先確認暗証番号変更');
      await fillChange(page, 'ご契約先確認暗証番号', DEMO.confirmPin, 'kakunin77');
      assert.equal(await title(page), 'ご契約先確認暗証番号変更（完了）');
      await shot(page, 'credentials-admin-confirm-pin-done');

      const fresh = await site.open();
      await adminLogin(fresh, 'newKanri22');
      assert.equal(await title(fresh), '管理者メニュー');
    } finally {
      await site.close();
    }
  });

  it('a user changes the 利用者暗証番号 and the 利用者確認暗証番号 from the 利用者メニュー', async () => {
    site = await openSite(browser);
    try {
      const page = await site.open();
      await loginAsUser(page, 'user01');
      assert.equal(await title(page), '利用者メニュー');
      await page.getByRole('link', { name: '利用者暗証番号変更' }).click();
      assert.equal(await title(page), '利用者暗証番号変更');
      await fillChange(page, '利用者暗証番号', 'wrong999', 'riyou777');
      assert.equal(await page.locator('#f-current-tries').getAttribute('data-tries-left'), '4');
      await shot(page, 'credentials-user-password-wrong-current');
      await expectNoSeriousAxeViolations(page);
      await fillChange(page, '利用者暗証番号', DEMO.userPassword, 'riyou777');
      assert.equal(await title(page), '利用者暗証番号変更（完了）');
      await shot(page, 'credentials-user-password-done');
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('link', { name: '利用者メニューへ戻る' }).click();
      await page.getByRole('link', { name: '利用者確認暗証番号変更' }).click();
      assert.equal(await title(page), '利用者確認暗証番号変更');
      await shot(page, 'credentials-user-confirm-pin-form');
      await expectNoSeriousAxeViolations(page);
      await fillChange(page, '利用者確認暗証番号', DEMO.userConfirmPin, 'kakunin99');
      assert.equal(await title(page), '利用者確認暗証番号変更（完了）');
    } finally {
      await site.close();
    }
  });

  it('after the bank resets them, the administrator and the user are taken straight to the change screen at login', async () => {
    site = await openSite(browser);
    try {
      const reset = await resetCredential(site.f.deps, STAFF, { kind: 'admin_password', contractId: C });
      assert.ok(reset.ok);
      const page = await site.open();
      await adminLogin(page, reset.initialValue);
      assert.equal(await title(page), 'ご契約先暗証番号変更');
      assert.equal(await page.locator('[data-forced-change]').count(), 1);
      await shot(page, 'credentials-admin-forced-change');
      await expectNoSeriousAxeViolations(page);
      await page.goto('/users');
      assert.equal(await title(page), 'ご契約先暗証番号変更', 'no other screen until changed');
      await fillChange(page, 'ご契約先暗証番号', reset.initialValue, 'newKanri22');
      assert.equal(await title(page), 'ご契約先暗証番号変更（完了）');
      await page.goto('/users');
      assert.equal(await title(page), '利用者情報選択');

      const userReset = await resetCredential(site.f.deps, STAFF, { kind: 'user_password', contractId: C, loginId: 'user02' });
      assert.ok(userReset.ok);
      const userPage = await site.open();
      await userPage.goto('/user/login');
      await userPage.getByLabel('ご契約先ID').fill(C);
      await userPage.getByLabel('利用者ID', { exact: true }).fill('user02');
      await userPage.getByLabel('利用者暗証番号').fill(userReset.initialValue);
      await userPage.getByRole('button', { name: 'ログイン' }).click();
      assert.equal(await title(userPage), '利用者暗証番号変更');
      await shot(userPage, 'credentials-user-forced-change');
      await fillChange(userPage, '利用者暗証番号', userReset.initialValue, 'riyou777');
      assert.equal(await title(userPage), '利用者暗証番号変更（完了）');
    } finally {
      await site.close();
    }
  });

  it('flags a token near its expiry on 利用者情報選択 and ワンタイムパスワード利用登録', async () => {
    site = await openSite(browser);
    try {
      const serial = '10000000000099';
      const expiresAtMs = site.f.clock.nowMs + 90 * 24 * 60 * 60 * 1000;
      await site.f.deps.store.transaction((tx) =>
        tx.tokens.insertBatch([{ serial, kind: 'hardware', model: 'hw1', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, sealed: site.f.deps.keyring.seal(serial, randomBytes(20)), counter: 0n, expiresAtMs, demo: false, contractId: C, status: 'issued' }]),
      );
      await site.f.register('user01', serial);
      site.f.clock.nowMs = expiresAtMs - 30 * 24 * 60 * 60 * 1000;
      const page = await site.open();
      await adminLogin(page, DEMO.adminPassword);
      await page.goto('/users');
      assert.equal(await title(page), '利用者情報選択');
      assert.equal(await page.locator('[data-expiry="expiring"]').count(), 1);
      await shot(page, 'credentials-user-select-expiring');
      await expectNoSeriousAxeViolations(page);
      await page.goto('/otp/register/per-user');
      assert.equal(await page.locator('[data-expiry="expiring"]').count(), 1);
      await shot(page, 'credentials-register-expiring');
    } finally {
      await site.close();
    }
  });
});
