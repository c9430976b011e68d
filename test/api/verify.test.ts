// POST /api/v1/otp/verify: the verdicts and their reasons, replay across channels, server time only, and
// the audit entry of every call — on SQLite, also as serve opens it (the verify writer's thread), and on
// PostgreSQL: there a right code takes the fast path (bank-verify-fast.ts) and every other answer the
// transaction.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { userAgent } from '../user/agent.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { setupApi } from './api-fixture.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../support/postgres.ts';

function verdicts(store: string, open: () => Promise<string>, options: { readonly sqliteVerifyWriter?: boolean } = {}): void {
  describe(`the verify API on ${store}`, () => {
    test('a current code of the user\'s token is accepted once with the serial; the second time it is replayed', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const code = await a.otp(SERIAL.hw1);
      const first = await a.verify({ contract: C, login: 'user01', otp: code });
      assert.equal(first.statusCode, 200);
      assert.deepEqual(first.json(), { result: 'accepted', serial: SERIAL.hw1 });
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: code })).json(), { result: 'rejected', reason: 'replayed' });
      const entries = (await a.audit()).filter((e) => e.action === 'api.otp.verify');
      assert.deepEqual(entries.map((e) => [e.actor, e.target, e.outcome]), [['api:teller', 'user01', 'accepted'], ['api:teller', 'user01', 'replayed']]);
      assert.ok(entries.every((e) => !e.detail.includes(code)), 'the code never goes to the audit log');
    });

    test('wrong codes are invalid, and the token locks after 5 of them: the right code is then locked too', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) {
        assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: await a.wrongOtp(SERIAL.hw1) })).json(), { result: 'rejected', reason: 'invalid' });
      }
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1) })).json(), { result: 'rejected', reason: 'locked' });
    });

    test('not_registered: before OTP use begins, for a user without a token, an unknown user and an unknown contract', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      const ask = async (contract: string, login: string): Promise<unknown> => (await a.verify({ contract, login, otp: '123456' })).json();
      const notRegistered = { result: 'rejected', reason: 'not_registered' };
      assert.deepEqual(await ask(C, 'user01'), notRegistered);
      await a.register('user01', SERIAL.hw1);
      assert.deepEqual(await ask(C, 'user02'), notRegistered);
      assert.deepEqual(await ask(C, 'nobody'), notRegistered);
      assert.deepEqual(await ask('19999999999', 'user01'), notRegistered);
      assert.equal((await a.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.consecutiveFailures, 0, 'no token was touched');
    });

    test('under the shared form every user\'s code is the contract token\'s', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      await a.register(null, SERIAL.sw);
      assert.deepEqual((await a.verify({ contract: C, login: 'user09', otp: await a.otp(SERIAL.sw) })).json(), { result: 'accepted', serial: SERIAL.sw });
    });

    test('a code used by the API cannot pay, and a code that paid is replayed at the API (one consumption for every channel)', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const u = userAgent(a.app);
      await u.login('user01');
      const code = await a.otp(SERIAL.hw1);
      assert.equal((await a.verify({ contract: C, login: 'user01', otp: code })).json().result, 'accepted');
      assert.equal((await u.post('/user/payments/execute', { draftId: await u.prepareTransfer(), otp: code })).errors.otp, 'otp_replayed');
      a.clock.advance(30_000);
      const next = await a.otp(SERIAL.hw1);
      assert.equal((await u.post('/user/payments/execute', { draftId: await u.prepareTransfer(), otp: next })).status, 303);
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: next })).json(), { result: 'rejected', reason: 'replayed' });
    });

    test('a client timestamp is ignored: only the server\'s clock decides which codes are current', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const inAnHour = a.clock.nowMs + 3_600_000;
      const future = await a.otp(SERIAL.hw1, inAnHour);
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: future, timestamp: inAnHour, time: new Date(inAnHour).toISOString() })).json(), { result: 'rejected', reason: 'invalid' });
      assert.equal((await a.verify({ contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1), timestamp: 0 })).json().result, 'accepted');
    });

    test('the OpenAPI document is served, describes the verify call and its request schema', async (t) => {
      const a = await setupApi(await open(), options);
      t.after(() => a.close());
      const doc = await a.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      assert.equal(doc.statusCode, 200);
      assert.match(String(doc.headers['content-type']), /^application\/json/);
      const body = doc.json();
      assert.equal(body.openapi, '3.1.0');
      assert.deepEqual(Object.keys(body.paths['/otp/verify'].post.responses).sort(), ['200', '400', '401', '413', '415', '422', '429', '500']);
      assert.deepEqual(body.components.schemas.VerifyRequest.required, ['contract', 'login', 'otp']);
      assert.equal(body.components.schemas.VerifyRequest.properties.otp.type, 'string');
    });
  });
}

verdicts('SQLite', async () => ':memory:');
// As serve opens it: a file, with the verify writer's thread (sqlite/verify-writer.ts).
const dir = mkdtempSync(join(tmpdir(), 'bizotp-verify-api-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
verdicts('SQLite with the verify writer', async () => join(dir, `api-${files++}.sqlite`), { sqliteVerifyWriter: true });

if (POSTGRES_URL !== undefined) {
  let n = 0;
  verdicts('PostgreSQL', () => freshPostgresDatabase(`api_verify_${process.pid}_${n++}`));
    test('the PostgreSQL verify suite ran', () => markPostgresSuiteRan());
} else {
    test('the verify API on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
