// 取引認証 in chromium: with the bank's policy on, the confirm screen of a transfer paid with the bizotp app's
// token shows the QR code and the challenge digits, the payee account and amount, passes axe, and pays with the
// 取引認証番号 computed here in node as the app computes it; a response for another amount is refused.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO } from '../../src/demo-data.ts';
import { signingQuestion } from '../../src/domain/signing-challenge.ts';
import { setTransactionAuthPolicy } from '../../src/domain/transaction-auth-policy.ts';
import { createActiveAppToken } from '../support/app-soft-token.ts';
import { expectNoSeriousAxeViolations } from '../support/axe.ts';
import { C } from './fixture.ts';
import { fillTransfer, launchBrowser, loginAsUser, openSite, shot, shownError, SKIP_WITHOUT_BROWSER, title } from './browser-harness.ts';

describe('取引認証 on the confirm screen in chromium', { skip: SKIP_WITHOUT_BROWSER }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('the QR code and digits are shown, the wrong amount\'s response is refused, and the right one pays', async (t) => {
    const site = await openSite(browser);
    t.after(() => site.close());
    const { f } = site;
    const app = await createActiveAppToken(f.deps, { serial: '20000000000301', contractId: C, loginId: 'user01', confirmPin: DEMO.confirmPin });
    f.clock.advance(60_000);
    await f.deps.store.transaction((tx) => setTransactionAuthPolicy(tx, { actor: 'staff:yamada', ip: '127.0.0.1', reason: 'テスト' }, f.clock.nowMs, { mode: 'all' }));

    const page = await site.open();
    await loginAsUser(page, 'user01');
    await fillTransfer(page, '150000');
    assert.equal(await title(page), '資金移動（確認）');
    const question = signingQuestion(150_000n, '7654321');
    assert.equal((await page.getByTestId('signing-question').textContent())?.trim(), question);
    assert.equal((await page.getByTestId('signing-account').textContent())?.trim(), '7654321');
    assert.equal((await page.getByTestId('signing-amount').textContent())?.trim(), '150,000円');
    const qr = page.getByRole('img', { name: '取引認証用のQRコード（お振込先口座番号 7654321、金額 150,000円）' });
    assert.ok(await qr.isVisible(), 'the QR code is visible');
    const box = await qr.boundingBox();
    assert.ok(box !== null && box.width >= 150 && box.height >= 150, 'the QR code is large enough to scan');
    assert.equal(await page.getByLabel('ワンタイムパスワード').count(), 0, 'no OTP field');
    await expectNoSeriousAxeViolations(page);
    await shot(page, 'transfer-confirm-signing');

    await page.getByLabel('取引認証番号').fill(app.sign(signingQuestion(150_001n, '7654321'), f.clock.nowMs));
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（確認）');
    assert.equal(await shownError(page), 'signature_invalid');
    assert.equal(await page.locator('[data-remaining]').getAttribute('data-remaining'), '4');
    await expectNoSeriousAxeViolations(page);
    await shot(page, 'transfer-confirm-signing-wrong');

    await page.getByLabel('取引認証番号').fill(app.sign(question, f.clock.nowMs));
    await page.getByRole('button', { name: '実行' }).click();
    assert.equal(await title(page), '資金移動（完了）');
    assert.equal(await f.balance(), 10_000_000n - 150_000n);

    await page.setViewportSize({ width: 390, height: 844 });
    await fillTransfer(page, '2000');
    await shot(page, 'transfer-confirm-signing-390');
  });
});
