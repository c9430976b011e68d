// Every error message the admin's screens can show, each reached in a real browser and found next to its
// field (product.md §3.6). A test checks that every code of the catalog has a scenario here or a reason in
// NOT_ON_ADMIN_SCREENS, so a new code cannot go unnoticed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_IDLE_TIMEOUT_MS } from '../../src/domain/admin-sessions.ts';
import { checkConfirmPin } from '../../src/domain/confirm-pin.ts';
import { adminLogin } from '../../src/domain/contracts.ts';
import { ERROR_CODES, type ErrorCode } from '../../src/domain/error-codes.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_CONSECUTIVE_OTP_FAILURES, MAX_LOGIN_FAILURES, MAX_USERS_PER_CONTRACT } from '../../src/domain/policy.ts';
import { useTokenCode } from '../../src/domain/use-token.ts';
import { deleteUser } from '../../src/domain/users.ts';
import { LOGIN_ATTEMPTS_PER_IP } from '../../src/web/login-rate-limit.ts';
import { A, B } from '../web/fixture.ts';
import {
  button,
  fieldErrorCode,
  formErrorCode,
  groupErrorCode,
  label,
  launchBrowser,
  login,
  onScreen,
  openSite,
  screenshotOfError,
  signIn,
  SKIP_WITHOUT_BROWSER,
  type Site,
} from './harness.ts';

/** Codes that no admin screen shows, and why; each is proven where it can happen. */
const NOT_ON_ADMIN_SCREENS = {
  contract_exists: 'only the bank creates contracts (CLI `contracts create`)',
  contract_not_found: 'an admin session exists only for an existing contract, and contracts are never deleted',
  token_not_found: 'the bank’s CLI `unlock`; the screens unlock tokens through the user they apply to',
  token_state: 'the bank’s CLI `unlock`; the screens say not_locked instead',
  not_registered: 'shown to a user at payment (user side), asking the admin to register a token',
  bad_request: 'a malformed request no form of these screens can send: test/web/robustness.test.ts',
  server_error: 'an internal failure: test/web/robustness.test.ts',
  secret_mismatch: 'the 暗証番号変更 screens: test/web/credentials.test.ts, test/browser/credentials-flow.test.ts',
  secret_unchanged: 'the 暗証番号変更 screens: test/web/credentials.test.ts',
  current_secret_wrong: 'the 暗証番号変更 screens: test/web/credentials.test.ts, test/browser/credentials-flow.test.ts',
  pin_must_change: 'a reset ご契約先確認暗証番号: every screen leads to its change screen first (test/web/credentials.test.ts), the domain refuses it (src/domain/reset-credential.test.ts)',
  ...Object.fromEntries(
    (
      [
        'user_login_failed', 'user_login_locked', 'not_permitted', 'otp_invalid', 'user_pin_wrong', 'user_pin_locked', 'payee_name_full_width', 'payee_name_small_kana',
        'payee_name_chars', 'amount_invalid', 'over_payment_limit', 'over_daily_limit', 'insufficient_funds', 'transfer_date_out_of_range', 'account_not_found',
        'payment_not_found', 'payment_expired', 'payment_refused', 'api_key_invalid', 'api_key_exists', 'api_key_not_found', 'idempotency_key_reused',
      ] as const
    ).map((code) => [code, 'the users’ side and the bank systems’ API (issue 4)']),
  ),
  transfer_date_passed: 'the users’ 資金移動 (test/user/reservations.test.ts)',
  reservation_not_found: 'the users’ 予約照会・取消 (test/user/reservations.test.ts)',
  reservation_not_cancellable: 'the users’ 予約照会・取消 (test/user/reservations.test.ts)',
  date_invalid: 'the bank console’s 監査ログ 期間 (test/bank/bank-read-screens.test.ts, test/browser/bank-read-screens.test.ts)',
  ...Object.fromEntries(
    (['token_not_in_stock', 'token_final', 'resync_refused', 'too_many_tokens'] as const).map((code) => [
      code,
      'the bank’s token lifecycle (console /bank and CLI): src/domain/lifecycle/*.test.ts, test/cli-lifecycle.test.ts',
    ]),
  ),
  ...Object.fromEntries(
    (
      [
        'staff_login_failed', 'staff_locked', 'staff_otp_invalid', 'staff_otp_replayed', 'staff_exists', 'staff_not_found', 'staff_forbidden', 'approval_not_found',
        'approval_self', 'approval_expired', 'approval_decided', 'lock_target_required',
      ] as const
    ).map((code) => [code, 'the bank staff console (/bank) and the `staff` CLI: test/bank, test/staff-domain.test.ts, test/staff-cli.test.ts']),
  ),
  ...Object.fromEntries(
    (['seed_file_required', 'seed_file_too_large', 'seed_key_invalid', 'seed_upload_expired', 'seed_model_required'] as const).map((code) => [
      code,
      'the bank staff console’s シードファイル取込: test/bank/bank-seed-import.test.ts, test/browser/bank-seed-import.test.ts',
    ]),
  ),
  ...Object.fromEntries(
    (['signature_invalid', 'signature_replayed'] as const).map((code) => [
      code,
      'the users’ 取引認証 on the transfer confirm screen: test/user/transaction-signing.test.ts, test/user/browser-transaction-signing.test.ts',
    ]),
  ),
  ...Object.fromEntries(
    (['invalid_public_key', 'activation_expired', 'app_rate_limited'] as const).map((code) => [
      code,
      'the software token app’s JSON API (/app/api): test/app-api/activation.test.ts, test/app-api/soft-token-life.test.ts',
    ]),
  ),
} satisfies Partial<Record<ErrorCode, string>>;

type Scenario = (site: Site) => Promise<string | null>;

const SOMEONE = { actor: 'test', ip: '127.0.0.1' } as const;
const [HW1] = A.serials;

async function onRegisterA(site: Site): Promise<Page> {
  await signIn(site);
  await site.page.goto('/otp/register/per-user');
  await onScreen(site.page, 'ワンタイムパスワード利用登録');
  return site.page;
}

/** Fills screen A (the user by name, or none) and presses OK. */
async function submitA(site: Site, fields: { user?: string; serial?: string; otp?: string; pin?: string }): Promise<void> {
  const page = site.page;
  if (fields.user !== undefined) await page.getByRole('radio', { name: fields.user, exact: true }).check();
  await label(page, 'シリアル番号').fill(fields.serial ?? HW1);
  await label(page, 'ワンタイムパスワード').fill(fields.otp ?? (await site.f.otp(fields.serial ?? HW1)));
  await label(page, 'ご契約先確認暗証番号').fill(fields.pin ?? A.confirmPin);
  await button(page, 'OK').click();
  await onScreen(page, 'ワンタイムパスワード利用登録');
}

/** Types a value as a client that ignores maxlength would send it. */
async function forceValue(page: Page, fieldLabel: string, value: string): Promise<void> {
  await label(page, fieldLabel).evaluate((el: { value: string }, v) => {
    el.value = v;
  }, value);
}

async function onUserSelect(site: Site): Promise<Page> {
  await signIn(site);
  await site.page.goto('/users');
  await onScreen(site.page, '利用者情報選択');
  return site.page;
}

async function newUserForm(site: Site, loginId: string): Promise<string | null> {
  const page = await onUserSelect(site);
  await page.getByRole('link', { name: '新規登録', exact: true }).click();
  await label(page, '利用者ID').fill(loginId);
  await label(page, '利用者名').fill('新しい利用者');
  await label(page, '利用者暗証番号').fill('abc12345');
  await label(page, '利用者確認暗証番号').fill('abc12345');
  await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
  await button(page, 'OK').click();
  await onScreen(page, '利用者情報新規登録');
  return fieldErrorCode(page, '利用者ID');
}

const SCENARIOS = {
  required: async ({ page }) => {
    await page.goto('/login');
    await button(page, 'ログイン').click();
    await onScreen(page, '管理者ログイン');
    assert.equal(await fieldErrorCode(page, 'ご契約先暗証番号'), 'required');
    return fieldErrorCode(page, 'ご契約先ID');
  },
  not_half_width: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', serial: '１０００００００００００１１', otp: '123456' });
    assert.equal(await label(site.page, 'シリアル番号').inputValue(), '１０００００００００００１１', 'the input is kept');
    return fieldErrorCode(site.page, 'シリアル番号');
  },
  bad_format: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', otp: '12a456' });
    return fieldErrorCode(site.page, 'ワンタイムパスワード');
  },
  too_long: async (site) => {
    const page = await onRegisterA(site);
    await page.getByRole('radio', { name: '利用者1', exact: true }).check();
    await label(page, 'シリアル番号').fill(HW1);
    await forceValue(page, 'ワンタイムパスワード', '123456789');
    await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
    await button(page, 'OK').click();
    await onScreen(page, 'ワンタイムパスワード利用登録');
    return fieldErrorCode(page, 'ワンタイムパスワード');
  },
  too_short: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', otp: '12345' });
    return fieldErrorCode(site.page, 'ワンタイムパスワード');
  },
  pin_wrong: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', pin: 'wrong123' });
    assert.equal(await label(site.page, 'ご契約先確認暗証番号').inputValue(), '', 'a secret is never filled back in');
    return fieldErrorCode(site.page, 'ご契約先確認暗証番号');
  },
  pin_locked: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', pin: 'wrong0x' });
    for (let i = 1; i < MAX_CONFIRM_PIN_FAILURES; i++) await checkConfirmPin(site.f.deps, SOMEONE, A.contractId, `wrong${i}x`, 'token.register');
    await submitA(site, { user: '利用者1' });
    return fieldErrorCode(site.page, 'ご契約先確認暗証番号');
  },
  login_failed: async ({ page }) => {
    await login(page, A.contractId, 'wrong123');
    await onScreen(page, '管理者ログイン');
    assert.equal(await label(page, 'ご契約先ID').inputValue(), A.contractId);
    return formErrorCode(page);
  },
  login_locked: async ({ page, f }) => {
    await login(page, A.contractId, 'wrong123');
    for (let i = 1; i < MAX_LOGIN_FAILURES; i++) {
      f.clock.advance(10_000); // past the progressive delay, so each guess is checked
      await adminLogin(f.deps, SOMEONE, A.contractId, 'wrong123');
    }
    f.clock.advance(10_000);
    await login(page, A.contractId, A.adminPassword);
    await onScreen(page, '管理者ログイン');
    return formErrorCode(page);
  },
  login_delayed: async ({ page, f }) => {
    for (let i = 0; i < 2; i++) await adminLogin(f.deps, SOMEONE, A.contractId, 'wrong123');
    await login(page, A.contractId, A.adminPassword);
    await onScreen(page, '管理者ログイン');
    return formErrorCode(page);
  },
  token_or_otp_invalid: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', serial: B.serial, otp: await site.f.otp(B.serial) });
    return groupErrorCode(site.page, '登録トークン情報');
  },
  otp_replayed: async (site) => {
    await onRegisterA(site);
    const code = await site.f.otp(HW1);
    await submitA(site, { user: '利用者1', otp: code });
    await submitA(site, { user: '利用者2', otp: code });
    return fieldErrorCode(site.page, 'ワンタイムパスワード');
  },
  token_locked: async (site) => {
    await onRegisterA(site);
    await submitA(site, { user: '利用者1', otp: await site.f.wrongOtp(HW1) });
    const { f } = site;
    for (let i = 1; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
      const code = await f.wrongOtp(HW1);
      await f.deps.store.transaction((tx) => useTokenCode(tx, f.deps.keyring, f.clock.nowMs, { serial: HW1, code, purpose: 'registration', statuses: ['issued'] }));
    }
    await submitA(site, { user: '利用者1' });
    return groupErrorCode(site.page, '登録トークン情報');
  },
  no_user_selected: async (site) => {
    await onRegisterA(site);
    await submitA(site, {});
    return groupErrorCode(site.page, '利用登録情報');
  },
  user_not_found: async (site) => {
    const page = await onUserSelect(site);
    await page.getByRole('radio', { name: '利用者3', exact: true }).check();
    await button(page, '変更').click();
    await onScreen(page, '利用者情報変更');
    // Meanwhile the user is removed (another administrator's tab, say).
    await site.f.deps.store.transaction((tx) => deleteUser(tx, { actor: 'test', ip: 'test' }, site.f.clock.nowMs, A.contractId, 'user03'));
    await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
    await button(page, 'OK').click();
    await onScreen(page, '利用者情報選択');
    return groupErrorCode(page, '操作する利用者を選択');
  },
  user_exists: (site) => newUserForm(site, 'user01'),
  user_limit: async (site) => {
    await site.close();
    const full = await openSite(browserOf(site), { users: MAX_USERS_PER_CONTRACT });
    try {
      return await newUserForm(full, 'user100');
    } finally {
      await screenshotOfError(full.page, 'err-user_limit');
      await full.close();
    }
  },
  no_form_selected: async (site) => {
    const page = await onUserSelect(site);
    await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
    await button(page, '次へ').click();
    await onScreen(page, 'ワンタイムパスワード利用形態設定');
    return groupErrorCode(page, '利用形態');
  },
  user_not_selected: async (site) => {
    const page = await onUserSelect(site);
    await button(page, '変更').click();
    await onScreen(page, '利用者情報選択');
    return groupErrorCode(page, '操作する利用者を選択');
  },
  not_locked: async (site) => {
    const page = await onUserSelect(site);
    await page.getByRole('radio', { name: '利用者2', exact: true }).check();
    await button(page, '利用中止解除').click();
    await onScreen(page, '利用者情報選択');
    assert.equal(await page.getByRole('radio', { name: '利用者2', exact: true }).isChecked(), true, 'the choice is kept');
    return groupErrorCode(page, '操作する利用者を選択');
  },
  user_has_no_token: async (site) => {
    const page = await onUserSelect(site);
    await page.getByRole('radio', { name: '利用者2', exact: true }).check();
    await button(page, '登録解除').click();
    await onScreen(page, '利用者情報選択');
    return groupErrorCode(page, '操作する利用者を選択');
  },
  session_expired: async (site) => {
    const page = await onUserSelect(site);
    site.f.clock.advance(ADMIN_IDLE_TIMEOUT_MS + 1);
    await page.getByRole('link', { name: '利用形態設定', exact: true }).click();
    await onScreen(page, '管理者ログイン');
    return formErrorCode(page);
  },
  csrf_invalid: async (site) => {
    const page = await onUserSelect(site);
    await page.getByRole('radio', { name: '利用者2', exact: true }).check();
    await button(page, '登録抹消').click();
    await page.locator('input[name=_csrf]').last().evaluate((el: { value: string }) => {
      el.value = 'forged';
    });
    await label(page, 'ご契約先確認暗証番号').fill(A.confirmPin);
    await button(page, 'OK').click();
    await onScreen(page, '操作を受け付けられませんでした');
    return formErrorCode(page);
  },
  too_many_requests: async ({ page, context }) => {
    await login(page, '99999999999', 'guess123');
    // The rest of the attempts from the same address, as a script would send them.
    const csrf = (await context.cookies()).find((c) => c.name === 'bizotp_login')?.value ?? '';
    for (let i = 1; i < LOGIN_ATTEMPTS_PER_IP; i++) await context.request.post('/login', { form: { _csrf: csrf, contractId: '99999999999', password: 'guess123' } });
    await login(page, A.contractId, A.adminPassword);
    await onScreen(page, '管理者ログイン');
    return formErrorCode(page);
  },
  page_not_found: async (site) => {
    await signIn(site);
    await site.page.goto('/otp/register/everyone');
    await onScreen(site.page, 'ページが見つかりません');
    return formErrorCode(site.page);
  },
} satisfies Partial<Record<ErrorCode, Scenario>>;

describe('the error catalog', () => {
  it('has, for every code, a browser scenario below or a reason why no admin screen shows it', () => {
    const accounted = new Set<string>([...Object.keys(SCENARIOS), ...Object.keys(NOT_ON_ADMIN_SCREENS)]);
    assert.deepEqual(ERROR_CODES.filter((code) => !accounted.has(code)), []);
    assert.deepEqual(Object.keys(SCENARIOS).filter((code) => code in NOT_ON_ADMIN_SCREENS), []);
  });
});

let browser: Browser;
const browserOf = (_site: Site): Browser => browser;

describe('every error message of the admin’s screens, in a browser', { skip: SKIP_WITHOUT_BROWSER, concurrency: 2 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [code, scenario] of Object.entries(SCENARIOS) as [ErrorCode, Scenario][]) {
    it(`shows ${code} where it belongs`, async () => {
      const site = await openSite(browser);
      try {
        assert.equal(await scenario(site), code);
        if (code !== 'user_limit') await screenshotOfError(site.page, `err-${code}`);
      } finally {
        await site.close();
      }
    });
  }
});
