// A token near its expiry is flagged on 利用者情報選択 and in the 利用登録情報 table of ワンタイムパスワード利用登録;
// an expired one reads 「有効期限切れ」. Pinned clock, edges in src/domain/token-expiry.test.ts.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEMO } from '../../src/demo-data.ts';
import { TOKEN_EXPIRY_WARNING_DAYS } from '../../src/domain/policy.ts';
import { C, setupUserApp, T0_MS, type UserApp } from '../user/fixture.ts';
import { agent } from './agent.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const SERIAL = '10000000000099';
/** 2027-02-22 00:00 in Japan: 90 days after T0. */
const EXPIRES = Date.UTC(2027, 1, 21, 15, 0, 0);

let u: UserApp;
beforeEach(async () => {
  u = await setupUserApp();
  await u.deps.store.transaction((tx) =>
    tx.tokens.insertBatch([{ serial: SERIAL, kind: 'hardware', model: 'hw1', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, sealed: u.deps.keyring.seal(SERIAL, randomBytes(20)), counter: 0n, expiresAtMs: EXPIRES, demo: false, contractId: C, status: 'issued' }]),
  );
  await u.register('user01', SERIAL);
});
afterEach(() => u.close());

async function screens(): Promise<{ users: string; register: string }> {
  const admin = agent(u.app);
  await admin.login(C, DEMO.adminPassword);
  return { users: (await admin.get('/users')).body, register: (await admin.get('/otp/register/per-user')).body };
}

const rowOf = (body: string): string => /data-login-id="user01"[\s\S]*?<\/tr>/.exec(body)?.[0] ?? /value="user01"[\s\S]*?<\/tr>/.exec(body)?.[0] ?? '';

describe('token expiry on the administrator’s screens', () => {
  test('a token further than 60 days from its expiry carries no flag', async () => {
    assert.ok(EXPIRES - T0_MS > TOKEN_EXPIRY_WARNING_DAYS * DAY_MS);
    const { users, register } = await screens();
    assert.doesNotMatch(users + register, /data-expiry/);
  });

  test('within 60 days of its expiry the token is flagged 「有効期限が近づいています」 with its date on both screens', async () => {
    u.clock.nowMs = EXPIRES - TOKEN_EXPIRY_WARNING_DAYS * DAY_MS;
    const { users, register } = await screens();
    for (const body of [users, register]) assert.match(rowOf(body), /data-expiry="expiring">有効期限が近づいています（有効期限：2027年2月22日）/);
  });

  test('from its expiry the token reads 「有効期限切れ」', async () => {
    u.clock.nowMs = EXPIRES;
    const { users, register } = await screens();
    for (const body of [users, register]) assert.match(rowOf(body), /data-expiry="expired">有効期限切れ（2027年2月22日）/);
  });
});
