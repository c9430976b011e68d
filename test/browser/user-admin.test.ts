// 「利用者情報選択」 in a real browser: 「新規登録」, 「変更」, 「登録抹消」, 「利用中止解除」 and 「登録解除」, each with
// 「ご契約先確認暗証番号」 and 「OK」, each with its 「キャンセル」; and ログアウト.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { MAX_CONSECUTIVE_OTP_FAILURES, MAX_LOGIN_FAILURES } from '../../src/domain/policy.ts';
import { useTokenCode } from '../../src/domain/use-token.ts';
import { A } from '../web/fixture.ts';
import { button, goToUserSelect, label, launchBrowser, login, onScreen, openSite, screenshot, SKIP_WITHOUT_BROWSER, type Site } from './harness.ts';

const userRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('radio', { name, exact: true }) });

/** Selects a user on 「利用者情報選択」 and presses an operation's button. */
async function operate(page: Page, userName: string, operation: string, screenTitle: string): Promise<void> {
  await page.getByRole('radio', { name: userName, exact: true }).check();
  await button(page, operation).click();
  await onScreen(page, screenTitle);
}

async function confirmWithPin(page: Page): Promise<void> {
  await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
  await button(page, 'OK').click();
  await onScreen(page, '利用者情報選択');
  await page.locator('[data-notice="success"]').waitFor();
}

async function cancelTo(page: Page): Promise<void> {
  await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
  await button(page, 'キャンセル').click();
  await onScreen(page, '利用者情報選択');
  assert.equal(await page.locator('[data-notice]').count(), 0, 'a cancel does nothing');
}

async function lockUserLoginAndToken(site: Site): Promise<void> {
  const { f } = site;
  const serial = A.serials[0];
  await f.deps.store.transaction(async (tx) => {
    await tx.registrations.insert({ contractId: A.contractId, loginId: 'user05', serial, form: 'per_user', registeredAtMs: f.clock.nowMs });
    await tx.tokens.transition(serial, ['issued'], 'registered');
    await tx.contracts.setOtpForm(A.contractId, 'per_user', f.clock.nowMs);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await tx.users.beginLoginAttempt(A.contractId, 'user05', MAX_LOGIN_FAILURES);
  });
  for (let i = 0; i <= MAX_CONSECUTIVE_OTP_FAILURES; i++) {
    await f.deps.store.transaction((tx) => useTokenCode(tx, f.deps.keyring, f.clock.nowMs, { serial, code: '000000', purpose: 'payment', statuses: ['registered'] }));
  }
}

describe('利用者情報選択 operations in a browser', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('新規登録 and 変更 of a user, each confirmed with the PIN and OK, and each cancelled once', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);

      await page.getByRole('link', { name: '新規登録', exact: true }).click();
      await onScreen(page, '利用者情報新規登録');
      await label(page, '利用者ID').fill('keiri01');
      await cancelTo(page);
      assert.equal(await f.deps.store.transaction((tx) => tx.users.get(A.contractId, 'keiri01')), undefined);

      await page.getByRole('link', { name: '新規登録', exact: true }).click();
      await label(page, '利用者ID').fill('keiri01');
      await label(page, '利用者名').fill('経理 花子');
      await label(page, '利用者暗証番号').fill('hanako123');
      await label(page, '利用者確認暗証番号').fill('kakunin77');
      await label(page, '税金各種料金払込み').uncheck();
      await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
      await screenshot(page, 'u01-user-new');
      await button(page, 'OK').click();
      await onScreen(page, '利用者情報選択');
      await userRow(page, '経理 花子').waitFor();
      await screenshot(page, 'u02-user-created');
      const created = await f.deps.store.transaction((tx) => tx.users.get(A.contractId, 'keiri01'));
      assert.deepEqual([created?.canTransfer, created?.canPayTax], [true, false]);

      await operate(page, '経理 花子', '変更', '利用者情報変更');
      assert.equal(await label(page, '利用者名').inputValue(), '経理 花子');
      await label(page, '利用者名').fill('経理 次郎');
      await cancelTo(page);
      await operate(page, '経理 花子', '変更', '利用者情報変更');
      await label(page, '利用者名').fill('経理 次郎');
      await label(page, '税金各種料金払込み').check();
      await screenshot(page, 'u03-user-edit');
      await confirmWithPin(page);
      await userRow(page, '経理 次郎').waitFor();
      assert.deepEqual((await f.audit(A.contractId)).filter((e) => e.action.startsWith('user.')).map((e) => [e.action, e.target, e.outcome]).slice(-2), [
        ['user.create', 'keiri01', 'created'],
        ['user.update', 'keiri01', 'updated'],
      ]);
    } finally {
      await site.close();
    }
  });

  it('登録抹消 of a user, cancelled once and then confirmed', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);
      await operate(page, '利用者3', '登録抹消', '利用者情報登録抹消');
      await cancelTo(page);
      await userRow(page, '利用者3').waitFor();
      await operate(page, '利用者3', '登録抹消', '利用者情報登録抹消');
      await screenshot(page, 'u04-user-delete');
      await confirmWithPin(page);
      assert.equal(await userRow(page, '利用者3').count(), 0);
      assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'user.delete').at(-1)?.target, 'user03');
    } finally {
      await site.close();
    }
  });

  it('利用中止解除 lifts the user’s login lock and its token’s lock, cancelled once and then confirmed', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await lockUserLoginAndToken(site);
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);
      const row = userRow(page, '利用者5');
      assert.equal(await row.locator('.status-locked').count(), 2, 'token and login both show 利用中止');
      await screenshot(page, 'u05-user-select-locked');
      await operate(page, '利用者5', '利用中止解除', '利用中止解除');
      await cancelTo(page);
      assert.equal(await row.locator('.status-locked').count(), 2);
      await operate(page, '利用者5', '利用中止解除', '利用中止解除');
      await screenshot(page, 'u06-unlock');
      await confirmWithPin(page);
      assert.equal(await row.locator('.status-locked').count(), 0);
      assert.equal((await f.token(A.serials[0])).status, 'registered');
      const actions = (await f.audit(A.contractId)).map((e) => e.action);
      assert.ok(actions.includes('user.unlock') && actions.includes('token.unlock'));
    } finally {
      await site.close();
    }
  });

  it('登録解除 of a user’s token, cancelled once and then confirmed', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await page.goto('/otp/register/per-user');
      await page.getByRole('radio', { name: '利用者4', exact: true }).check();
      await label(page, 'シリアル番号').fill(A.serials[4]);
      await label(page, 'ワンタイムパスワード').fill(await f.otp(A.serials[4]));
      await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
      await button(page, 'OK').click();
      await page.goto('/users');
      await onScreen(page, '利用者情報選択');
      assert.match((await userRow(page, '利用者4').textContent()) ?? '', new RegExp(A.serials[4]));
      await operate(page, '利用者4', '登録解除', 'トークンの登録解除');
      await cancelTo(page);
      await operate(page, '利用者4', '登録解除', 'トークンの登録解除');
      await screenshot(page, 'u07-unregister');
      await confirmWithPin(page);
      assert.doesNotMatch((await userRow(page, '利用者4').textContent()) ?? '', new RegExp(A.serials[4]));
      assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'token.unregister').at(-1)?.target, 'user04');
    } finally {
      await site.close();
    }
  });

  it('ログアウト ends the session: going back or to any screen shows the login screen', async () => {
    const site = await openSite(browser);
    const { page, f } = site;
    try {
      await login(page, A.contractId, A.adminPassword);
      await goToUserSelect(page);
      await button(page, 'ログアウト').click();
      await onScreen(page, '管理者ログイン');
      await page.locator('[data-notice="info"]').waitFor();
      await screenshot(page, 'u08-logged-out');
      await page.goBack(); // no-store: the browser asks the server again instead of showing the old page
      await onScreen(page, '管理者ログイン');
      await page.goto('/users');
      await onScreen(page, '管理者ログイン');
      assert.equal((await f.audit(A.contractId)).filter((e) => e.action === 'admin.logout').at(-1)?.outcome, 'logged_out');
    } finally {
      await site.close();
    }
  });
});
