// Idempotency-Key on POST /api/v1/otp/verify: a retry with the same key and body within 24 hours gets the
// first answer (not `replayed`), marked Idempotent-Replayed; another body with the same key is a 422; after
// 24 hours the key is new again. SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { describe, it } from 'node:test';
import { bothStores } from '../support/both-stores.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { setupApi, type ApiWorld } from './api-fixture.ts';

function call(a: ApiWorld, body: unknown, idempotencyKey: string): Promise<LightMyRequestResponse> {
  return a.app.inject({
    method: 'POST',
    url: '/api/v1/otp/verify',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${a.key}`, 'idempotency-key': idempotencyKey },
    payload: JSON.stringify(body),
  });
}

for (const choice of bothStores('api_idempotency')) {
  describe(`Idempotency-Key on ${choice.name}`, () => {
    it('answers a retry with the first answer instead of replayed, and another body with 422', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const body = { contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1) };
      const first = await call(a, body, 'pay-0001');
      assert.deepEqual(first.json(), { result: 'accepted', serial: SERIAL.hw1 });
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const retry = await call(a, body, 'pay-0001');
      assert.deepEqual(retry.json(), { result: 'accepted', serial: SERIAL.hw1 }, 'the first answer, not replayed');
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.deepEqual((await call(a, body, 'pay-0002')).json(), { result: 'rejected', reason: 'replayed' }, 'a new key is a new request');
      const other = await call(a, { ...body, login: 'user02' }, 'pay-0001');
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error, 'idempotency_key_reused');
      a.clock.advance(24 * 60 * 60 * 1000);
      assert.equal((await call(a, body, 'pay-0001')).headers['idempotent-replayed'], 'true', 'kept for 24 hours');
      a.clock.advance(1);
      const later = await call(a, body, 'pay-0001');
      assert.equal(later.headers['idempotent-replayed'], undefined, 'after 24 hours the key is evaluated afresh');
      assert.equal(later.json().result, 'rejected');
    });

    it('refuses a malformed Idempotency-Key with 400 before evaluating anything', async (t) => {
      const a = await setupApi(await choice.url());
      t.after(() => a.close());
      const r = await call(a, { contract: C, login: 'user01', otp: '123456' }, 'x'.repeat(256));
      assert.equal(r.statusCode, 400);
    });
  });
}
