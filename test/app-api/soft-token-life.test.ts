// An app soft token's life after activation, through the real routes: registered on the administrator's
// ワンタイムパスワード利用登録 with the app's code, verified by the bank systems' API, released by the app's
// 利用解除 or revoked by the bank's トークン失効, and purged when nobody registered it.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createApiKey } from '../../src/domain/api-keys.ts';
import { revokeToken } from '../../src/domain/lifecycle/revoke-token.ts';
import {
  APP_CODE_POSTS_PER_SOURCE, DEACTIVATIONS_PER_SERIAL_PER_DAY, DEACTIVATIONS_PER_SERIAL_PER_HOUR, PENDING_SOFT_TOKEN_TTL_MS, UNREGISTERED_SOFT_TOKEN_TTL_MS,
} from '../../src/domain/soft-token/soft-token-policy.ts';
import { staffActor } from '../../src/domain/staff-actor.ts';
import { createReservationScheduler } from '../../src/reservation-scheduler.ts';
import { appClient, type AppClient, type AppToken } from '../support/soft-token-client.ts';
import { agent, type Agent } from '../web/agent.ts';
import { A, B, setup, type Fixture } from '../web/fixture.ts';

const ORIGIN = { origin: 'http://localhost' };
const STEP_MS = 30_000;

let f: Fixture;
let app: ReturnType<Fixture['createApp']>;
let client: AppClient;
beforeEach(async () => {
  f = await setup({ users: 2 });
  app = f.createApp();
  client = appClient(app, ORIGIN);
});
afterEach(async () => {
  await f.close();
});

async function activeToken(): Promise<AppToken> {
  const token = await client.activate();
  assert.equal((await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(f.clock.nowMs) })).status, 200);
  f.clock.advance(STEP_MS);
  return token;
}

async function adminOf(contractId: string, password: string): Promise<Agent> {
  const admin = agent(app);
  await admin.login(contractId, password);
  await admin.get('/menu');
  return admin;
}

async function register(admin: Agent, token: AppToken, confirmPin: string = A.confirmPin, loginId = 'user01'): Promise<Awaited<ReturnType<Agent['post']>>> {
  await admin.get('/otp/register/per-user');
  return admin.post('/otp/register/per-user', { loginId, serial: token.serial, otp: await token.code(f.clock.nowMs), confirmPin });
}

async function verify(key: string, otp: string): Promise<Record<string, unknown>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/otp/verify', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: { contract: A.contractId, login: 'user01', otp } });
  return response.json() as Record<string, unknown>;
}

const soft = (serial: string) => f.deps.store.transaction((tx) => tx.softTokens.get(serial));

describe('registration and use', () => {
  it('registers the app token on the admin screen with its code; the verify API then accepts its next code', async () => {
    const token = await activeToken();
    const admin = await adminOf(A.contractId, A.adminPassword);
    const done = await register(admin, token);
    assert.equal(done.status, 303, JSON.stringify(done.errors));
    const stored = await f.token(token.serial);
    assert.deepEqual([stored.status, stored.contractId], ['registered', A.contractId]);
    assert.equal((await soft(token.serial))?.lastSeenAtMs, f.clock.nowMs);

    const made = await createApiKey(f.deps, { actor: 'bank:test', ip: 'test' }, 'teller');
    assert.ok(made.ok);
    f.clock.advance(STEP_MS);
    assert.deepEqual(await verify(made.key, await token.code(f.clock.nowMs)), { result: 'accepted', serial: token.serial });
    assert.equal((await soft(token.serial))?.lastSeenAtMs, f.clock.nowMs, 'the verify API moves 最終確認 too');
  });

  it('refuses a pending token on the admin screen, and another contract once one registered it', async () => {
    const pending = await client.activate();
    const admin = await adminOf(A.contractId, A.adminPassword);
    assert.deepEqual((await register(admin, pending)).errors, { token: 'token_or_otp_invalid' });

    const token = await activeToken();
    assert.equal((await register(admin, token)).status, 303);
    f.clock.advance(STEP_MS);
    const other = await adminOf(B.contractId, B.adminPassword);
    assert.deepEqual((await register(other, token, B.confirmPin, B.loginId)).errors, { token: 'token_or_otp_invalid' });
    assert.equal((await f.token(token.serial)).contractId, A.contractId);
  });
});

describe('利用解除 from the app', () => {
  it('revokes the token with a current code, ends its registration and audits it with the reason 利用解除', async () => {
    const token = await activeToken();
    const admin = await adminOf(A.contractId, A.adminPassword);
    assert.equal((await register(admin, token)).status, 303);
    f.clock.advance(STEP_MS);
    const done = await client.post('/app/api/deactivate', { serial: token.serial, code: await token.code(f.clock.nowMs) });
    assert.equal(done.status, 200);
    assert.deepEqual(done.json, { serial: token.serial, state: 'revoked' });
    assert.equal((await f.token(token.serial)).status, 'revoked');
    assert.deepEqual(await f.deps.store.transaction((tx) => tx.registrations.activeForSerial(token.serial)), []);
    const entry = (await f.audit(A.contractId)).filter((e) => e.action === 'soft_token.deactivate').at(-1);
    assert.equal(entry?.outcome, 'revoked');
    assert.equal(JSON.parse(entry?.detail ?? '{}').reason, '利用解除');

    const made = await createApiKey(f.deps, { actor: 'bank:test', ip: 'test' }, 'teller');
    assert.ok(made.ok);
    f.clock.advance(STEP_MS);
    assert.deepEqual(await verify(made.key, await token.code(f.clock.nowMs)), { result: 'rejected', reason: 'not_registered' });
    const again = await client.post('/app/api/deactivate', { serial: token.serial, code: await token.code(f.clock.nowMs) });
    assert.equal(again.json.error, 'token_or_otp_invalid');
  });

  it('releases a token no contract registered yet, on the bank chain; a wrong code changes nothing', async () => {
    const token = await activeToken();
    const wrong = String((Number(await token.code(f.clock.nowMs)) + 1) % 1_000_000).padStart(6, '0');
    assert.equal((await client.post('/app/api/deactivate', { serial: token.serial, code: wrong })).json.error, 'token_or_otp_invalid');
    assert.equal((await f.token(token.serial)).status, 'in_stock');
    assert.equal((await client.post('/app/api/deactivate', { serial: token.serial, code: await token.code(f.clock.nowMs) })).status, 200);
    assert.equal((await f.token(token.serial)).status, 'revoked');
    assert.ok((await f.audit('bank')).some((e) => e.action === 'soft_token.deactivate' && e.target === token.serial && e.outcome === 'revoked'));
  });

  it(`throttles code posts at ${APP_CODE_POSTS_PER_SOURCE} a minute per source address`, async () => {
    for (let i = 0; i < APP_CODE_POSTS_PER_SOURCE; i++) await client.post('/app/api/deactivate', { serial: '29999999999999', code: '123456' });
    const refused = await client.post('/app/api/activations/confirm', { serial: '29999999999999', code: '123456' });
    assert.equal(refused.status, 429);
    assert.equal(refused.json.error, 'app_rate_limited');
    f.clock.advance(60_000);
    assert.equal((await client.post('/app/api/activations/confirm', { serial: '29999999999999', code: '123456' })).status, 422);
  });
});

describe('利用解除 cannot be used to lock a token', () => {
  const HOUR_MS = 60 * 60 * 1000;
  let source = 0;
  /** A 利用解除 post from a source address of its own, as a stranger spreading posts would send it. */
  async function deactivateFromNewSource(serial: string, code: string): Promise<{ status: number; error: unknown; retryAfter: unknown }> {
    source += 1;
    const response = await app.inject({
      method: 'POST', url: '/app/api/deactivate', remoteAddress: `203.0.113.${source}`,
      headers: { 'content-type': 'application/json', ...ORIGIN }, payload: { serial, code },
    });
    return { status: response.statusCode, error: (response.json() as Record<string, unknown>).error, retryAfter: response.headers['retry-after'] };
  }
  async function wrongCode(token: AppToken): Promise<string> {
    return String((Number(await token.code(f.clock.nowMs)) + 500_000) % 1_000_000).padStart(6, '0');
  }

  it(`${DEACTIVATIONS_PER_SERIAL_PER_HOUR} wrong codes from different sources leave a registered token unlocked, and its next use is accepted`, async () => {
    const token = await activeToken();
    const admin = await adminOf(A.contractId, A.adminPassword);
    assert.equal((await register(admin, token)).status, 303);
    for (let i = 0; i < DEACTIVATIONS_PER_SERIAL_PER_HOUR; i++) {
      assert.equal((await deactivateFromNewSource(token.serial, await wrongCode(token))).error, 'token_or_otp_invalid');
    }
    const stored = await f.token(token.serial);
    assert.deepEqual([stored.status, stored.consecutiveFailures], ['registered', 0]);
    const made = await createApiKey(f.deps, { actor: 'bank:test', ip: 'test' }, 'teller');
    assert.ok(made.ok);
    f.clock.advance(STEP_MS);
    assert.deepEqual(await verify(made.key, await token.code(f.clock.nowMs)), { result: 'accepted', serial: token.serial });
  });

  it('refuses even the right code with 429 once the serial\'s hourly budget is spent, from any source; the right code works the next hour', async () => {
    const token = await activeToken();
    for (let i = 0; i < DEACTIVATIONS_PER_SERIAL_PER_HOUR; i++) await deactivateFromNewSource(token.serial, await wrongCode(token));
    const refused = await deactivateFromNewSource(token.serial, await token.code(f.clock.nowMs));
    assert.deepEqual([refused.status, refused.error], [429, 'app_rate_limited']);
    assert.ok(Number(refused.retryAfter) > 0);
    assert.equal((await f.token(token.serial)).status, 'in_stock');
    f.clock.advance(HOUR_MS);
    assert.equal((await deactivateFromNewSource(token.serial, await token.code(f.clock.nowMs))).status, 200);
    assert.equal((await f.token(token.serial)).status, 'revoked');
  });

  it(`evaluates at most ${DEACTIVATIONS_PER_SERIAL_PER_HOUR} of 20 parallel wrong codes for one serial; the rest are refused unevaluated`, async () => {
    const token = await activeToken();
    const wrong = await wrongCode(token);
    const answers = await Promise.all(Array.from({ length: 20 }, () => deactivateFromNewSource(token.serial, wrong)));
    assert.equal(answers.filter((a) => a.status === 422).length, DEACTIVATIONS_PER_SERIAL_PER_HOUR);
    assert.equal(answers.filter((a) => a.status === 429).length, 20 - DEACTIVATIONS_PER_SERIAL_PER_HOUR);
    const evaluated = (await f.audit('bank')).filter((e) => e.action === 'soft_token.deactivate' && e.target === token.serial);
    assert.equal(evaluated.length, DEACTIVATIONS_PER_SERIAL_PER_HOUR);
  });

  it(`allows ${DEACTIVATIONS_PER_SERIAL_PER_DAY} posts per serial a day, whatever the hours; another serial keeps its own budget`, async () => {
    const token = await activeToken();
    const other = await activeToken();
    for (let hour = 0; hour * DEACTIVATIONS_PER_SERIAL_PER_HOUR < DEACTIVATIONS_PER_SERIAL_PER_DAY; hour++) {
      for (let i = 0; i < DEACTIVATIONS_PER_SERIAL_PER_HOUR; i++) await deactivateFromNewSource(token.serial, await wrongCode(token));
      f.clock.advance(HOUR_MS);
    }
    assert.equal((await deactivateFromNewSource(token.serial, await token.code(f.clock.nowMs))).status, 429);
    assert.equal((await deactivateFromNewSource(other.serial, await other.code(f.clock.nowMs))).status, 200);
    f.clock.advance(24 * HOUR_MS);
    assert.equal((await deactivateFromNewSource(token.serial, await token.code(f.clock.nowMs))).status, 200);
  });
});

describe('the bank\'s トークン失効', () => {
  it('revokes an app token like any token: its registration ends and the app\'s codes are refused', async () => {
    const token = await activeToken();
    const admin = await adminOf(A.contractId, A.adminPassword);
    assert.equal((await register(admin, token)).status, 303);
    const r = await revokeToken(f.deps, staffActor('yamada', 'スマートフォン紛失の届出', 'test'), { serial: token.serial, kind: 'lost' });
    assert.equal(r.ok && r.endedRegistrations, 1);
    f.clock.advance(STEP_MS);
    assert.equal((await client.post('/app/api/deactivate', { serial: token.serial, code: await token.code(f.clock.nowMs) })).json.error, 'token_or_otp_invalid');
  });
});

describe('purge', () => {
  it('removes a pending token 10 minutes after activation and an unregistered active one after 30 days, never a registered one', async () => {
    const scheduler = createReservationScheduler(f.deps, { runnerId: 'test' });
    const pending = await client.activate();
    const unregistered = await activeToken();
    const registered = await activeToken();
    const admin = await adminOf(A.contractId, A.adminPassword);
    assert.equal((await register(admin, registered)).status, 303);
    const pendingAt = (await soft(pending.serial))?.createdAtMs ?? 0;
    const activeAt = (await soft(unregistered.serial))?.activatedAtMs ?? 0;

    f.clock.nowMs = pendingAt + PENDING_SOFT_TOKEN_TTL_MS;
    assert.deepEqual(await scheduler.purgeOnce(), { pending: 0, active: 0 }, 'exactly 10 minutes: kept');
    f.clock.advance(1);
    assert.deepEqual(await scheduler.purgeOnce(), { pending: 1, active: 0 });
    assert.equal(await soft(pending.serial), undefined);
    assert.equal(await f.deps.store.transaction((tx) => tx.tokens.get(pending.serial)), undefined);

    f.clock.nowMs = activeAt + UNREGISTERED_SOFT_TOKEN_TTL_MS;
    assert.deepEqual(await scheduler.purgeOnce(), { pending: 0, active: 0 }, 'exactly 30 days: kept');
    f.clock.advance(1);
    assert.deepEqual(await scheduler.purgeOnce(), { pending: 0, active: 1 });
    assert.equal(await soft(unregistered.serial), undefined);
    assert.equal((await f.token(registered.serial)).status, 'registered');

    const purged = (await f.audit('bank')).filter((e) => e.action === 'soft_token.purge');
    assert.deepEqual(purged.map((e) => [e.target, e.actor, JSON.parse(e.detail).state]), [
      [pending.serial, 'system:scheduler', 'pending'],
      [unregistered.serial, 'system:scheduler', 'active'],
    ]);
    assert.ok(purged.every((e) => typeof JSON.parse(e.detail).reason === 'string'));
  });
});
