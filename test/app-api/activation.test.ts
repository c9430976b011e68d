// Soft token protocol v1, activation, against the real app in-process: the client does exactly what the app
// does with WebCrypto (test/support/soft-token-client.ts), and the server's sealed secret, opened here, is the
// very key the client derived — compared by HMAC output, since the client's key cannot be exported.

import assert from 'node:assert/strict';
import { createECDH, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ACTIVATIONS_PER_SOURCE, PENDING_SOFT_TOKEN_TTL_MS } from '../../src/domain/soft-token/soft-token-policy.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { appClient, type AppClient, type AppToken } from '../support/soft-token-client.ts';
import { setup, type Fixture } from '../web/fixture.ts';
import { base32 } from '../../src/domain/staff-totp.ts';

const ORIGIN = { origin: 'http://localhost' };

let f: Fixture;
let client: AppClient;
beforeEach(async () => {
  f = await setup({ users: 1 });
  client = appClient(f.createApp(), ORIGIN);
});
afterEach(async () => {
  await f.close();
});


async function serverSecret(serial: string): Promise<Buffer> {
  const token = await f.token(serial);
  return f.deps.keyring.open(serial, token.sealed);
}

async function confirmed(): Promise<AppToken> {
  const token = await client.activate();
  const answer = await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(f.clock.nowMs) });
  assert.equal(answer.status, 200);
  return token;
}

describe('activation', () => {
  it('derives on both sides the same secret, which no request or response body ever contains in any encoding', async () => {
    const token = await client.activate();
    const a = token.activation;
    assert.match(a.serial, /^2\d{13}$/);
    assert.deepEqual(a.totp, { algorithm: 'SHA-256', digits: 6, period: 30 });
    assert.equal(a.ocraSuite, 'OCRA-1:HOTP-SHA256-8:QN20-T1M');
    assert.equal(a.serverTime, f.clock.nowMs);
    assert.equal(Buffer.from(a.activationId, 'base64url').length, 16);
    assert.equal(Buffer.from(a.serverPublicKey, 'base64url').length, 65);

    const secret = await serverSecret(token.serial);
    assert.equal(secret.length, 32);
    const probe = Buffer.from('same key on both sides?', 'utf8');
    assert.deepEqual(Buffer.from(await token.mac(probe)), createHmac('sha256', secret).update(probe).digest());

    const stored = await f.token(token.serial);
    assert.deepEqual([stored.kind, stored.model, stored.status, stored.contractId], ['software', 'sw', 'in_stock', null]);
    assert.deepEqual(stored.params, { type: 'totp', algorithm: 'SHA256', digits: 6, stepSeconds: 30 });
    const soft = await f.deps.store.transaction((tx) => tx.softTokens.get(token.serial));
    assert.deepEqual([soft?.origin, soft?.state], ['app', 'pending']);

    const confirm = await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(f.clock.nowMs) });
    assert.equal(confirm.status, 200);
    assert.deepEqual(confirm.json, { serial: token.serial, state: 'active' });
    assert.equal((await f.deps.store.transaction((tx) => tx.softTokens.get(token.serial)))?.state, 'active');

    const encodings = [secret.toString('hex'), secret.toString('hex').toUpperCase(), secret.toString('base64'), secret.toString('base64url'), base32(secret)];
    const audit = JSON.stringify(await f.audit());
    for (const exchange of client.exchanges) {
      for (const encoded of encodings) {
        assert.ok(!exchange.requestBody.includes(encoded) && !exchange.responseBody.includes(encoded), `the secret travelled in ${exchange.url}`);
        assert.ok(!audit.includes(encoded), 'the secret is in the audit log');
      }
    }
    const actions = (await f.audit('bank')).filter((e) => e.target === token.serial).map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(actions, ['soft_token.activate:pending', 'soft_token.confirm:active']);
  });

  it('writes no trace of the secret or the confirmation to the access log', async () => {
    const lines: string[] = [];
    const logged = appClient(f.createApp({ logger: true, logStream: { write: (line) => lines.push(line) } }), ORIGIN);
    const token = await logged.activate();
    const code = await token.code(f.clock.nowMs);
    assert.equal((await logged.post('/app/api/activations/confirm', { serial: token.serial, code })).status, 200);
    const secret = await serverSecret(token.serial);
    const log = lines.join('\n');
    assert.ok(lines.length >= 2, 'the requests were logged');
    for (const encoded of [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url'), base32(secret), token.activation.confirmation]) {
      assert.ok(!log.includes(encoded), `the log holds ${encoded}`);
    }
  });

  it('gives every activation its own serial and secret', async () => {
    const one = await client.activate();
    const two = await client.activate();
    assert.notEqual(one.serial, two.serial);
    const probe = Buffer.from('x');
    assert.notDeepEqual(Buffer.from(await one.mac(probe)), Buffer.from(await two.mac(probe)));
  });

  it('refuses a public key that is not an uncompressed P-256 point with 400 invalid_public_key, never a 5xx', async () => {
    const good = createECDH('prime256v1');
    good.generateKeys();
    const point = good.getPublicKey();
    const offCurve = Buffer.from(point);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    const compressed = good.getPublicKey(null, 'compressed');
    const infinityish = Buffer.alloc(65);
    infinityish[0] = 4;
    const cases = [
      offCurve.toString('base64url'),
      compressed.toString('base64url'),
      point.subarray(0, 64).toString('base64url'),
      Buffer.concat([point, Buffer.of(0)]).toString('base64url'),
      infinityish.toString('base64url'),
      Buffer.from(point).fill(0xff, 1).toString('base64url'),
      'not base64url!!',
      '',
      'A',
      point.toString('base64'),
    ];
    for (const publicKey of cases) {
      const answer = await client.post('/app/api/activations', { publicKey });
      // base64 with '+' or '/' may decode to a good point by chance of none; '=' padding is refused.
      assert.equal(answer.status, 400, publicKey);
      assert.equal(answer.json.error, 'invalid_public_key', publicKey);
      assert.equal(typeof answer.json.message, 'string');
    }
    for (const body of ['{', 'null', '[]', '{"publicKey": 5}', '{}', JSON.stringify({ publicKey: 'A'.repeat(500) }), '"x"']) {
      const answer = await client.post('/app/api/activations', body);
      assert.equal(answer.status, 400, body);
      assert.equal(answer.json.error, 'bad_request', body);
    }
    assert.equal((await f.deps.store.transaction((tx) => tx.tokens.count())), 6, 'nothing was stored');
  });

  it('answers only JSON from this very site, with no cookie and no caching', async () => {
    const good = createECDH('prime256v1');
    const publicKey = good.generateKeys().toString('base64url');
    assert.equal((await client.post('/app/api/activations', { publicKey }, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await client.post('/app/api/activations', { publicKey }, { 'content-type': 'text/plain' })).status, 415);
    const app = f.createApp();
    const response = await app.inject({ method: 'POST', url: '/app/api/activations', payload: { publicKey }, headers: ORIGIN });
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  it('tells the server time on GET /app/api/time', async () => {
    const response = await f.createApp().inject({ method: 'GET', url: '/app/api/time' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { serverTime: f.clock.nowMs });
    assert.equal((await f.createApp().inject({ method: 'GET', url: '/app/api/nothing' })).statusCode, 404);
  });

  it(`throttles activations at ${ACTIVATIONS_PER_SOURCE} an hour per source address, counted in the database`, async () => {
    const other = appClient(f.createApp(), { ...ORIGIN });
    for (let i = 0; i < ACTIVATIONS_PER_SOURCE; i++) await client.activate();
    const publicKey = createECDH('prime256v1').generateKeys().toString('base64url');
    const refused = await other.post('/app/api/activations', { publicKey });
    assert.equal(refused.status, 429, 'a second app instance counts in the same bucket');
    assert.equal(refused.json.error, 'app_rate_limited');
    const made = await f.deps.store.transaction((tx) => tx.softTokens.purgeable({ pendingCreatedBeforeMs: Number.MAX_SAFE_INTEGER, activeActivatedBeforeMs: 0 }, 100));
    assert.equal(made.length, ACTIVATIONS_PER_SOURCE, 'the refused activation made no token');
    f.clock.advance(60 * 60 * 1000);
    await client.activate();
  });
});

describe('confirmation by the first code', () => {
  it('makes the token active once; a wrong code counts toward its failures and leaves it pending', async () => {
    const token = await client.activate();
    const wrong = String((Number(await token.code(f.clock.nowMs)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await client.post('/app/api/activations/confirm', { serial: token.serial, code: wrong });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error, 'token_or_otp_invalid');
    assert.equal((await f.token(token.serial)).consecutiveFailures, 1);
    const ok = await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(f.clock.nowMs) });
    assert.equal(ok.status, 200);
    assert.equal((await f.token(token.serial)).consecutiveFailures, 0);
    f.clock.advance(30_000);
    const again = await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(f.clock.nowMs) });
    assert.equal(again.json.error, 'token_or_otp_invalid', 'an active token has nothing to confirm');
  });

  it(`takes no more codes after ${MAX_CONSECUTIVE_OTP_FAILURES} wrong ones, the right one included`, async () => {
    const token = await client.activate();
    const right = await token.code(f.clock.nowMs);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) await client.post('/app/api/activations/confirm', { serial: token.serial, code: wrong });
    const refused = await client.post('/app/api/activations/confirm', { serial: token.serial, code: right });
    assert.equal(refused.json.error, 'token_locked');
    assert.equal((await f.deps.store.transaction((tx) => tx.softTokens.get(token.serial)))?.state, 'pending');
  });

  it('refuses a confirmation 10 minutes after the activation, and one second before is still taken', async () => {
    const late = await client.activate();
    const inTime = await client.activate();
    f.clock.advance(PENDING_SOFT_TOKEN_TTL_MS - 1000);
    assert.equal((await client.post('/app/api/activations/confirm', { serial: inTime.serial, code: await inTime.code(f.clock.nowMs) })).status, 200);
    f.clock.advance(1000);
    const refused = await client.post('/app/api/activations/confirm', { serial: late.serial, code: await late.code(f.clock.nowMs) });
    assert.equal(refused.json.error, 'activation_expired');
  });

  it('answers an unknown serial like a wrong code, and a malformed one with 400', async () => {
    assert.equal((await client.post('/app/api/activations/confirm', { serial: '29999999999999', code: '123456' })).json.error, 'token_or_otp_invalid');
    assert.equal((await client.post('/app/api/activations/confirm', { serial: '19999999999999', code: '123456' })).status, 400);
    assert.equal((await client.post('/app/api/activations/confirm', { serial: '29999999999999', code: '１２３４５６' })).status, 400);
  });

  it('is reached through confirmed() by the other tests', async () => {
    const token = await confirmed();
    assert.equal((await f.deps.store.transaction((tx) => tx.softTokens.get(token.serial)))?.state, 'active');
  });
});
