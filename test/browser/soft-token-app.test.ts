// The software token app (/app) in Chromium at phone width against the real /app/api: activation without
// the secret on the wire, a non-extractable key, codes that agree with the server's, 取引認証, offline use
// through the service worker, 利用解除, and a clock-offset warning. Every screen is checked with axe-core
// and photographed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hmacKey, ocra, totp } from '../../src/otp/index.ts';
import { advance, type AppSite, expectAxeClean, openApp, openAppPage, shownCode } from './app-harness.ts';
import { DEMO } from '../../src/demo-data.ts';
import { signingQuestion } from '../../src/domain/signing-challenge.ts';
import { setTransactionAuthPolicy } from '../../src/domain/transaction-auth-policy.ts';
import { fillTransfer, loginAsUser, shownError, title } from '../user/browser-harness.ts';
import { button, currentSerialOf, goToUserSelect, label, login, onScreen, screenshot, SKIP_WITHOUT_BROWSER } from './harness.ts';

const SHA256_6_30 = { algorithm: 'SHA256', digits: 6, stepSeconds: 30 } as const;

async function addToken(page: Page, name: string): Promise<string> {
  await button(page, 'トークンを追加').click();
  await page.getByRole('heading', { level: 1, name: 'トークンの追加' }).waitFor();
  await label(page, 'トークン名').fill(name);
  await button(page, 'トークンを発行').click();
  const card = page.getByRole('listitem', { name });
  await card.waitFor();
  const serial = (await card.locator('dd.serial').getAttribute('data-serial')) ?? '';
  assert.match(serial, /^2\d{13}$/);
  return serial;
}

/** Opens the app again (as the user does to read a fresh code) and returns the code it shows. */
async function freshCode(site: AppSite, serial: string): Promise<string> {
  await openAppPage(site.page);
  return shownCode(site.page, serial);
}

/** The 取引認証番号 the app shows for the typed challenge digits (the app is on the 取引認証 screen). */
async function appResponseForDigits(page: Page, digits: string): Promise<string> {
  await label(page, '取引認証用の数字').fill(digits);
  await button(page, '内容を確認').click();
  await button(page, '取引認証番号を表示').click();
  await page.locator('#sign-response[data-code]').waitFor();
  return (await page.locator('#sign-response').getAttribute('data-code')) ?? '';
}

/**
 * Headless chromium on Linux has no camera and no BarcodeDetector: the page gets a camera made of a canvas
 * and a detector that "reads" the text the test put in `globalThis.__scannedQr`, so the app's scan path runs.
 */
const FAKE_CAMERA = `
  globalThis.BarcodeDetector = class { async detect() { return globalThis.__scannedQr ? [{ rawValue: globalThis.__scannedQr }] : []; } };
  navigator.mediaDevices.getUserMedia = async () => { const c = document.createElement('canvas'); c.width = 64; c.height = 64; c.getContext('2d').fillRect(0, 0, 64, 64); return c.captureStream(5); };
`;

async function expectedCode(site: AppSite, serial: string, nowMs: number): Promise<string> {
  return totp(hmacKey(await site.secretOf(serial)), nowMs, SHA256_6_30);
}

describe('the software token app at /app', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => {
    const { launchBrowser } = await import('./harness.ts');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('activates a token whose secret never travels, shows its grouped serial and the current code, and keeps the key non-extractable', async () => {
    const site = await openApp(browser);
    const { page, f } = site;
    try {
      await openAppPage(page);
      await expectAxeClean(page, 'empty list');
      await screenshot(page, 'app01-empty');
      await button(page, 'トークンを追加').click();
      await expectAxeClean(page, 'activation');
      await screenshot(page, 'app02-activate');
      await button(page, 'トークンを発行').click();
      assert.equal(await page.locator('#token-label-error').textContent(), 'トークン名を40文字以内で入力してください。');
      await button(page, '戻る').first().click();

      const serial = await addToken(page, 'ビズ商事');
      assert.equal(await page.locator(`#token-list dd[data-serial="${serial}"]`).textContent(), serial.replace(/(\d{4})(?=\d)/g, '$1 '));
      assert.equal((await site.softToken(serial))?.state, 'active', 'the first code confirmed the activation');
      assert.equal(await shownCode(page, serial), await expectedCode(site, serial, f.clock.nowMs));
      assert.match((await page.locator('#list-status').textContent()) ?? '', /ワンタイムパスワード利用登録を依頼/);
      await expectAxeClean(page, 'token list');
      await screenshot(page, 'app03-token');

      const secret = await site.secretOf(serial);
      assert.equal(secret.length, 32);
      const forms = [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url'), secret.toString('base64').replace(/=+$/, '')];
      const urls = site.exchanges.map((e) => new URL(e.url).pathname);
      assert.ok(urls.includes('/app/api/activations') && urls.includes('/app/api/activations/confirm'), urls.join());
      for (const exchange of site.exchanges) {
        for (const form of forms) {
          assert.ok(!exchange.request.toLowerCase().includes(form.toLowerCase()), `secret in the request to ${exchange.url}`);
          assert.ok(!exchange.response.toLowerCase().includes(form.toLowerCase()), `secret in the response of ${exchange.url}`);
        }
      }

      // Script on the page reads the stored key back and tries to export it (written as page source: DOM types).
      const stored = await page.evaluate(`(async () => {
        const db = await new Promise((resolve, reject) => {
          const req = indexedDB.open('bizotp-app');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const all = await new Promise((resolve, reject) => {
          const req = db.transaction('tokens').objectStore('tokens').getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        return Promise.all(all.map(async (t) => ({
          serial: t.serial,
          extractable: t.key.extractable,
          usages: t.key.usages,
          exported: await crypto.subtle.exportKey('raw', t.key).then(() => 'exported', (e) => e.name),
        })));
      })()`);
      assert.deepEqual(stored, [{ serial, extractable: false, usages: ['sign'], exported: 'InvalidAccessError' }]);
    } finally {
      await site.close();
    }
  });

  it('a token activated in the app is registered on ワンタイムパスワード利用登録 and pays a transfer with the app\'s next code', async () => {
    const site = await openApp(browser);
    const { page, f } = site;
    try {
      await openAppPage(page);
      const serial = await addToken(page, 'デモ商事');

      // The administrator, on another computer, types the serial and the code the app shows now.
      await advance(site, 30_000);
      const admin = await site.otherBrowser();
      await login(admin, DEMO.contractId, DEMO.adminPassword);
      await goToUserSelect(admin);
      await admin.getByRole('link', { name: '利用形態設定', exact: true }).click();
      await onScreen(admin, 'ワンタイムパスワード利用形態設定');
      await label(admin, '全ての利用者が異なるトークンを使用する').check();
      await button(admin, '次へ').click();
      await onScreen(admin, 'ワンタイムパスワード利用登録');
      await admin.getByRole('radio', { name: '利用者1', exact: true }).check();
      await label(admin, 'シリアル番号').fill(serial);
      await label(admin, 'ワンタイムパスワード').fill(await freshCode(site, serial));
      await label(admin, 'ご契約先確認暗証番号').fill(DEMO.confirmPin);
      await button(admin, 'OK').click();
      await onScreen(admin, 'ワンタイムパスワード利用登録');
      assert.equal(await currentSerialOf(admin, '利用者1').textContent(), serial);
      assert.equal((await site.token(serial))?.contractId, DEMO.contractId);

      // The user pays a transfer with the app's next code.
      await advance(site, 30_000);
      const user = await site.otherBrowser();
      await loginAsUser(user, 'user01');
      await fillTransfer(user, '150000');
      assert.equal(await title(user), '資金移動（確認）');
      await user.getByLabel('ワンタイムパスワード').fill(await freshCode(site, serial));
      await user.getByRole('button', { name: '実行' }).click();
      assert.equal(await title(user), '資金移動（完了）');
      assert.deepEqual((await f.history()).map((e) => e.amountYen), [150_000n]);
    } finally {
      await site.close();
    }
  });

  it('with the bank\'s 取引認証 policy on, the app signs a transfer from its QR code; responses for another amount or payee account are refused', async () => {
    const site = await openApp(browser);
    const { page, f, context } = site;
    try {
      await context.addInitScript(FAKE_CAMERA);
      await openAppPage(page);
      const serial = await addToken(page, 'デモ商事');
      f.clock.advance(30_000); // past the step whose code confirmed the activation
      await f.register('user01', serial);
      await f.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, { actor: 'staff:yamada', ip: '127.0.0.1', reason: 'テスト' }, f.clock.nowMs, { mode: 'all' }));
      await advance(site, 60_000);

      const user = await site.otherBrowser();
      await loginAsUser(user, 'user01');
      await fillTransfer(user, '150000');
      assert.equal(await title(user), '資金移動（確認）');
      const question = (await user.getByTestId('signing-question').textContent())?.trim() ?? '';
      assert.equal(question, signingQuestion(150_000n, '7654321'));

      await openAppPage(page);
      await page.getByRole('listitem', { name: 'デモ商事' }).getByRole('button', { name: '取引認証' }).click();
      for (const [what, digits] of [
        ['another amount', signingQuestion(150_001n, '7654321')],
        ['another payee account', signingQuestion(150_000n, '7654320')],
      ] as const) {
        await user.getByLabel('取引認証番号').fill(await appResponseForDigits(page, digits));
        await user.getByRole('button', { name: '実行' }).click();
        assert.equal(await title(user), '資金移動（確認）', what);
        assert.equal(await shownError(user), 'signature_invalid', what);
      }
      assert.deepEqual(await f.history(), []);

      // The QR code of the confirm screen, as the camera reads it.
      const qrText = `bizotp-sign:1?q=${question}&bank=0001&branch=123&type=${encodeURIComponent('普通')}&account=7654321&name=${encodeURIComponent('ﾔﾏﾀﾞ ﾀﾛｳ')}&amount=150000`;
      await page.evaluate(`globalThis.__scannedQr = ${JSON.stringify(qrText)}`);
      await button(page, 'QRコードを読み取る').click();
      await page.locator('#sign-details:not([hidden])').waitFor();
      assert.equal(await page.locator('#sign-account').textContent(), '7654321');
      assert.equal(await page.locator('#sign-amount').textContent(), '150,000円');
      assert.match((await page.locator('#sign-extra').textContent()) ?? '', /ﾔﾏﾀﾞ ﾀﾛｳ/);
      await button(page, '取引認証番号を表示').click();
      const response = (await page.locator('#sign-response').getAttribute('data-code')) ?? '';
      assert.match(response, /^\d{8}$/);
      await expectAxeClean(page, '取引認証 (QR)');
      await screenshot(page, 'app09-sign-qr');

      await user.getByLabel('取引認証番号').fill(response);
      await user.getByRole('button', { name: '実行' }).click();
      assert.equal(await title(user), '資金移動（完了）');
      assert.deepEqual((await f.history()).map((e) => e.amountYen), [150_000n]);
    } finally {
      await site.close();
    }
  });

  it('signs a transfer: shows the payee account and amount large, then the OCRA response for exactly those digits', async () => {
    const site = await openApp(browser);
    const { page, f } = site;
    try {
      await openAppPage(page);
      const serial = await addToken(page, 'ビズ商事');
      await addToken(page, '第二商事');
      await page.getByRole('listitem', { name: 'ビズ商事' }).getByRole('button', { name: '取引認証' }).click();
      await page.getByRole('heading', { level: 1, name: '取引認証' }).waitFor();
      await label(page, '取引認証用の数字').fill('0012345');
      await button(page, '内容を確認').click();
      assert.match((await page.locator('#sign-error').textContent()) ?? '', /金額に続けて口座番号7桁/);
      await label(page, '取引認証用の数字').fill('150000 0012345');
      await button(page, '内容を確認').click();
      assert.equal(await page.locator('#sign-account').textContent(), '0012345');
      assert.equal(await page.locator('#sign-amount').textContent(), '150,000円');
      assert.equal(await label(page, '使用するトークン').inputValue(), serial);
      await button(page, '取引認証番号を表示').click();
      const response = await page.locator('#sign-response').getAttribute('data-code');
      const secret = await site.secretOf(serial);
      assert.equal(response, ocra('OCRA-1:HOTP-SHA256-8:QN20-T1M', hmacKey(secret), { question: '1500000012345', timestamp: BigInt(Math.floor(f.clock.nowMs / 60_000)) }));
      await expectAxeClean(page, '取引認証');
      await screenshot(page, 'app04-sign');
    } finally {
      await site.close();
    }
  });

  it('is installable, and once installed shows correct codes with the network cut, and 利用解除 offline says the server still holds the token', async () => {
    const site = await openApp(browser);
    const { page, f, context } = site;
    try {
      await openAppPage(page);
      const serial = await addToken(page, 'ビズ商事');
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      await page.reload();
      await page.locator('#app-root[data-ready="true"]').waitFor();
      assert.equal(await page.evaluate('navigator.serviceWorker.controller !== null'), true, 'the service worker controls the page');
      // Chromium's own verdict on installability (manifest, icons, service worker): no errors but
      // 'in-incognito', which every Playwright context is and which says nothing about the app.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);
      const { errors: manifestErrors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
      assert.deepEqual(manifestErrors, []);

      await context.setOffline(true);
      await advance(site, 30_000);
      await page.reload();
      await page.locator('#app-root[data-ready="true"]').waitFor();
      assert.equal(await shownCode(page, serial), await expectedCode(site, serial, f.clock.nowMs));
      await page.locator('#offline-note').waitFor();
      await screenshot(page, 'app05-offline');

      await page.getByRole('listitem', { name: 'ビズ商事' }).getByRole('button', { name: '利用解除' }).click();
      await page.getByRole('heading', { level: 1, name: '利用解除' }).waitFor();
      await expectAxeClean(page, '利用解除');
      await screenshot(page, 'app06-deactivate');
      await button(page, '利用解除する').click();
      await button(page, 'この端末から削除する').waitFor();
      assert.match((await page.locator('#deactivate-status').textContent()) ?? '', /サーバー側ではこのトークンが有効なまま/);
      await screenshot(page, 'app07-deactivate-offline');
      await button(page, 'この端末から削除する').click();
      await page.locator('#empty-note').waitFor();
      assert.equal((await site.token(serial))?.status, 'in_stock', 'the server was never told');
    } finally {
      await site.close();
    }
  });

  it('利用解除 online revokes the token on the server and deletes the key, after waiting for an unused code', async () => {
    const site = await openApp(browser);
    const { page } = site;
    try {
      await openAppPage(page);
      const serial = await addToken(page, 'ビズ商事');
      await page.getByRole('listitem', { name: 'ビズ商事' }).getByRole('button', { name: '利用解除' }).click();
      // The activation's confirmation used this step's code: the app says to wait for the next, and offers
      // no local-only deletion for that.
      await button(page, '利用解除する').click();
      await page.locator('#deactivate-status').getByText(/次のワンタイムパスワードに変わってから/).waitFor();
      assert.equal(await button(page, 'この端末から削除する').isVisible(), false);
      assert.equal((await site.token(serial))?.status, 'in_stock');
      await advance(site, 30_000);
      await button(page, '利用解除する').click();
      await page.locator('#empty-note').waitFor();
      assert.match((await page.locator('#list-status').textContent()) ?? '', /利用解除しました/);
      assert.equal((await site.token(serial))?.status, 'revoked');
      assert.equal(await page.locator('#token-list li').count(), 0);
    } finally {
      await site.close();
    }
  });

  it('warns when the phone clock is off by more than 30 seconds and still shows the server-time code', async () => {
    const site = await openApp(browser);
    const { page, f, context } = site;
    try {
      await context.clock.setFixedTime(f.clock.nowMs - 120_000);
      await openAppPage(page);
      const serial = await addToken(page, 'ビズ商事');
      await page.locator('#time-warning').waitFor();
      assert.match((await page.locator('#time-warning').textContent()) ?? '', /約120秒ずれています/);
      assert.equal(await shownCode(page, serial), await expectedCode(site, serial, f.clock.nowMs));
      await expectAxeClean(page, 'clock warning');
      await screenshot(page, 'app08-clock-warning');
    } finally {
      await site.close();
    }
  });
});
