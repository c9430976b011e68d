// Flow A of the seed in a real browser (JavaScript off): login → 管理者メニュー → 「ご契約先管理情報変更」 →
// 「利用者情報登録/変更」 → 「利用者情報選択」 → 「利用形態設定」 → 「ワンタイムパスワード利用形態設定」 →
// 「ワンタイムパスワード利用登録」 → 「現在のシリアル番号」, by the visible labels; cancels; keyboard; phone width.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { A } from '../web/fixture.ts';
import { button, currentSerialOf, goToUserSelect, label, launchBrowser, login, onScreen, openSite, PHONE, screenshot, SKIP_WITHOUT_BROWSER, type Site } from './harness.ts';

const STEP_MS = 30_000;
const [HW1, , HW3, , SW] = A.serials;

async function chooseForm(page: Page, formLabel: string): Promise<void> {
  await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
  await onScreen(page, 'ワンタイムパスワード利用形態設定');
  await label(page, formLabel).check();
  await button(page, '次へ').click();
  await onScreen(page, 'ワンタイムパスワード利用登録');
}

async function registerOnA(site: Site, userName: string, serial: string, otp?: string): Promise<void> {
  const { page } = site;
  await page.getByRole('radio', { name: userName, exact: true }).check();
  await label(page, 'シリアル番号').fill(serial);
  await label(page, 'ワンタイムパスワード').fill(otp ?? (await site.f.otp(serial)));
  await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
  await button(page, 'OK').click();
  await onScreen(page, 'ワンタイムパスワード利用登録');
}

describe('registration A (全ての利用者が異なるトークンを使用する) in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('walks from login to 「現在のシリアル番号」 by the labels and registers one token to two users', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await page.goto('/login');
      await onScreen(page, '管理者ログイン');
      await screenshot(page, 'a01-login');
      await login(page, A.contractId, A.adminPassword);
      await onScreen(page, '管理者メニュー');
      await screenshot(page, 'a02-admin-menu');
      await page.getByRole('link', { name: 'ご契約先管理情報変更', exact: true }).click();
      await onScreen(page, 'ご契約先管理情報変更');
      await screenshot(page, 'a03-contract-admin');
      await page.getByRole('link', { name: '利用者情報登録/変更', exact: true }).click();
      await onScreen(page, '利用者情報選択');
      await screenshot(page, 'a04-user-select');

      await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
      await onScreen(page, 'ワンタイムパスワード利用形態設定');
      await screenshot(page, 'a05-form-setting');
      await label(page, '全ての利用者が異なるトークンを使用する').check();
      await button(page, '次へ').click();
      await onScreen(page, 'ワンタイムパスワード利用登録');
      assert.equal(await page.getByTestId('otp-form').textContent(), '全ての利用者が異なるトークンを使用する');
      for (const text of ['利用登録情報', '登録トークン情報']) await page.getByRole('group', { name: text, exact: true }).waitFor();
      for (const name of ['①ハードウェアトークンの例1', '②ハードウェアトークンの例2', '③ハードウェアトークンの例3', '④ソフトウェアトークン（スマートフォン用）']) {
        await page.getByRole('img', { name }).waitFor();
      }
      await page.getByText('※複数の利用者に同一のトークンを登録することができます。', { exact: true }).waitFor();
      assert.equal(await currentSerialOf(page, '利用者1').textContent(), '-');
      await screenshot(page, 'a06-register-per-user');

      await registerOnA(site, '利用者1', HW1);
      assert.equal(await currentSerialOf(page, '利用者1').textContent(), HW1);
      assert.equal(await label(page, 'シリアル番号').inputValue(), '', 'ready for the next user');
      await screenshot(page, 'a07-registered-user1');

      f.clock.advance(STEP_MS);
      await registerOnA(site, '利用者2', HW1);
      assert.equal(await currentSerialOf(page, '利用者1').textContent(), HW1);
      assert.equal(await currentSerialOf(page, '利用者2').textContent(), HW1);

      // Past 10 users the list scrolls: 利用者12 is reached inside the scrolling table.
      const scroller = page.getByRole('region', { name: '利用登録情報' });
      assert.ok(await scroller.evaluate((el: { scrollHeight: number; clientHeight: number }) => el.scrollHeight > el.clientHeight), 'the list of 12 users scrolls');
      await registerOnA(site, '利用者12', HW3);
      assert.equal(await currentSerialOf(page, '利用者12').textContent(), HW3);
      await currentSerialOf(page, '利用者12').scrollIntoViewIfNeeded();
      await screenshot(page, 'a08-registered-three-users');
      assert.deepEqual(
        (await f.audit(A.contractId)).filter((e) => e.action === 'token.register').map((e) => [e.outcome, JSON.parse(e.detail).loginId]),
        [['registered', 'user01'], ['registered', 'user02'], ['registered', 'user12']],
      );
    } finally {
      await site.close();
    }
  });

  it('goes back to 「利用者情報選択」 without any change from every キャンセル on the way', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);
      // 「ワンタイムパスワード利用形態設定」 → キャンセル, with a form chosen.
      await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
      await label(page, '全ての利用者が同じトークンを使用する').check();
      await button(page, 'キャンセル').click();
      await onScreen(page, '利用者情報選択');
      assert.equal(await page.getByTestId('otp-form').textContent(), '未設定');

      // 「ワンタイムパスワード利用登録」 → キャンセル, with everything typed.
      await chooseForm(page, '全ての利用者が異なるトークンを使用する');
      await page.getByRole('radio', { name: '利用者3', exact: true }).check();
      await label(page, 'シリアル番号').fill(SW);
      await label(page, 'ワンタイムパスワード').fill(await f.otp(SW));
      await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
      await button(page, 'キャンセル').click();
      await onScreen(page, '利用者情報選択');
      assert.ok(!page.url().includes(A.confirmPin) && !page.url().includes(SW), 'nothing typed travels with the cancel');
      assert.equal(await page.getByTestId('otp-form').textContent(), '未設定');
      assert.equal((await f.token(SW)).lastCounter, null, 'the OTP was not spent');
      assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.register').length, 0);
    } finally {
      await site.close();
    }
  });

  it('registers a token with the keyboard alone', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await page.goto('/login');
      await label(page, 'ご契約先ID').focus();
      await page.keyboard.type(A.contractId);
      await page.keyboard.press('Tab');
      await page.keyboard.type(A.adminPassword);
      // A key press does not wait for the navigation it starts, as a click does: wait for where it leads.
      await Promise.all([page.waitForURL('**/menu'), page.keyboard.press('Enter')]);
      await onScreen(page, '管理者メニュー');
      await page.goto('/otp/register/per-user');
      await page.getByRole('radio', { name: '利用者1', exact: true }).focus();
      await page.keyboard.press('ArrowDown'); // arrow keys move the choice within the radio group: 利用者2
      await page.keyboard.press('Tab');
      assert.equal(await page.locator(':focus').getAttribute('name'), 'serial', 'Tab leaves the radio group for シリアル番号');
      await page.keyboard.type(SW);
      await page.keyboard.press('Tab');
      await page.keyboard.type(await f.otp(SW));
      await page.keyboard.press('Tab');
      await page.keyboard.type(A.confirmPin);
      await Promise.all([page.waitForURL('**/otp/register/per-user?done=user02'), page.keyboard.press('Enter')]);
      await onScreen(page, 'ワンタイムパスワード利用登録');
      assert.equal(await currentSerialOf(page, '利用者2').textContent(), SW);
    } finally {
      await site.close();
    }
  });

  it('fits a phone’s width on every screen of the flow', async () => {
    const site = await openSite(browser, { viewport: PHONE });
    const { page } = site;
    try {
      const fits = async (name: string): Promise<void> => {
        await screenshot(page, name);
        const overflow = await page.locator('html').evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth);
        assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the phone`);
      };
      await page.goto('/login');
      await fits('p01-login-phone');
      await login(page, A.contractId, A.adminPassword);
      await onScreen(page, '管理者メニュー');
      await fits('p02-admin-menu-phone');
      await page.goto('/users');
      await fits('p03-user-select-phone');
      await page.goto('/otp/form');
      await fits('p04-form-setting-phone');
      await page.goto('/otp/register/per-user');
      await fits('p05-register-per-user-phone');
      await page.goto('/otp/register/shared');
      await fits('p06-register-shared-phone');
    } finally {
      await site.close();
    }
  });
});
