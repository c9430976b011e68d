// The users' side in a real browser (issue 4, done when): a registered user makes a transfer and a Pay-easy
// payment with an OTP and the balance and history change once; the same OTP is refused for a second
// payment; an unregistered user is refused with the message; the shared form lets every user pay with the
// shared token; a lock and its 「利用中止解除」 on the administrator's screen.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SERIAL } from './fixture.ts';
import { fillTransfer, launchBrowser, loginAsUser, openSite, shot, shownError, SKIP_WITHOUT_BROWSER, title } from './browser-harness.ts';

describe('the users\' screens in chromium', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('a registered user pays a transfer and a Pay-easy bill with OTPs; balance and history change once each', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register('user01', SERIAL.hw1);
    const page = await site.open();
    await page.goto('/user/login');
    await shot(page, 'login');
    await loginAsUser(page, 'user01');
    assert.equal(await title(page), '利用者メニュー');
    await shot(page, 'menu');

    await page.goto('/user/transfer');
    await page.getByLabel('受取人名').fill('ヤマダ タロウ');
    await page.getByLabel('金額（円）').fill('１０００');
    await page.getByRole('button', { name: '確認画面へ' }).click();
    assert.equal(await page.locator('#f-payeeName-error').getAttribute('data-error-code'), 'payee_name_full_width');
    await shot(page, 'transfer-errors');

    await fillTransfer(page, '150000');
    assert.equal(await title(page), '資金移動（確認）');
    await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
    await shot(page, 'transfer-confirm');
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（完了）');
    assert.match((await page.getByTestId('receipt-no').textContent()) ?? '', /^20261124-\d{8}$/);
    await shot(page, 'transfer-done');
    await page.goBack(); // the confirm screen again: its draft is done, so it shows the receipt, never a second debit
    await page.reload();
    assert.equal(await title(page), '資金移動（完了）');

    site.f.clock.advance(30_000);
    await page.goto('/user/payeasy');
    await page.getByLabel('収納機関番号').fill('12345');
    await page.getByLabel('お客様番号').fill('12345678901234567890');
    await page.getByLabel('確認番号').fill('654321');
    await page.getByLabel('金額（円）').fill('23,456');
    await shot(page, 'payeasy-form');
    await page.getByRole('button', { name: '確認画面へ' }).click();
    assert.equal(await title(page), '税金・各種料金の払込み（確認）');
    await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
    await shot(page, 'payeasy-confirm');
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '税金・各種料金の払込み（完了）');
    await shot(page, 'payeasy-done');

    await page.goto('/user/menu');
    assert.equal(await page.getByTestId('balance-1').textContent(), '9,826,544円');
    assert.equal(await page.getByTestId('history-row').count(), 2);
    await shot(page, 'menu-after');
    assert.deepEqual((await site.f.history()).map((e) => e.amountYen), [23_456n, 150_000n]);
  });

  test('the same OTP is refused for a second payment', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register('user01', SERIAL.hw1);
    const page = await site.open();
    await loginAsUser(page, 'user01');
    const code = await site.f.otp(SERIAL.hw1);
    for (const amount of ['1000', '2000']) {
      await fillTransfer(page, amount);
      await page.getByLabel('ワンタイムパスワード').fill(code);
      await page.getByRole('button', { name: '実行' }).click();
    }
    assert.equal(await title(page), '資金移動（確認）');
    assert.equal(await page.locator('#f-otp-error').getAttribute('data-error-code'), 'otp_replayed');
    await shot(page, 'otp-replayed');
    assert.equal((await site.f.history()).length, 1);
  });

  test('an unregistered user is refused with the reason and the remedy once OTP use has begun', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register('user01', SERIAL.hw1);
    const page = await site.open();
    await loginAsUser(page, 'user02');
    await page.getByRole('link', { name: '資金移動' }).click();
    assert.equal(await shownError(page), 'not_registered');
    assert.match((await page.locator('.refusal').textContent()) ?? '', /管理者にトークンの利用登録を依頼してください/);
    await shot(page, 'not-registered');
  });

  test('under the shared form every user pays with the contract\'s one token', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register(null, SERIAL.sw);
    for (const login of ['user03', 'user11']) {
      const page = await site.open();
      await loginAsUser(page, login);
      await fillTransfer(page, '5000', 'ｶ)ﾃﾞﾓ ｺｰﾎﾟﾚｰｼﾖﾝ');
      assert.match((await page.locator('.authorise-box').textContent()) ?? '', new RegExp(SERIAL.sw));
      await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.sw));
      await page.getByRole('button', { name: '実行' }).click();
      assert.equal(await title(page), '資金移動（完了）', login);
      if (login === 'user03') await shot(page, 'shared-done');
      site.f.clock.advance(30_000);
    }
    assert.deepEqual((await site.f.history()).map((e) => e.loginId), ['user11', 'user03']);
  });

  test('5 wrong OTPs lock the token; the administrator\'s 「利用中止解除」 lifts it and the user pays', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    await site.f.register('user01', SERIAL.hw1);
    const page = await site.open();
    await loginAsUser(page, 'user01');
    await fillTransfer(page, '7000');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('ワンタイムパスワード').fill(await site.f.wrongOtp(SERIAL.hw1));
      await page.getByRole('button', { name: '実行' }).click();
      assert.equal(await page.locator('#f-otp-tries-left').getAttribute('data-remaining'), String(4 - i));
      if (i === 2) await shot(page, 'otp-tries-left');
    }
    await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await page.locator('#f-otp-error').getAttribute('data-error-code'), 'token_locked');
    await shot(page, 'token-locked');

    const admin = await site.open();
    await admin.goto('/login');
    await admin.getByLabel('ご契約先ID').fill('10000000001');
    await admin.getByLabel('ご契約先暗証番号').fill('kanri001');
    await admin.getByRole('button', { name: 'ログイン' }).click();
    await admin.goto('/users/unlock?loginId=user01');
    await admin.getByLabel('ご契約先確認暗証番号').fill('kakunin01');
    await admin.getByRole('button', { name: 'OK' }).click();
    await shot(admin, 'admin-unlocked');

    await page.getByLabel('ワンタイムパスワード').fill(await site.f.otp(SERIAL.hw1));
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（完了）');
    assert.equal((await site.f.history()).length, 1);
  });
});
