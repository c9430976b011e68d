// Who may call the API, and what a request must look like: a Bearer API key (a revoked one stops at once),
// JSON only, and the schema without coercion — an OTP sent as a number is a 400, never a verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { revokeApiKey } from '../../src/domain/api-keys.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { setupApi } from './api-fixture.ts';

const GOOD = { contract: C, login: 'user01', otp: '123456' };

test('no key, a malformed key, an unknown key and a revoked key are all 401 with a JSON body', async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  await a.register('user01', SERIAL.hw1);
  for (const auth of [null, 'Basic dXNlcjpwYXNz', `Bearer ${a.key}x`, 'Bearer bzo_short', `bearer${a.key}`, `Bearer bzo_${'A'.repeat(43)}`]) {
    const r = await a.verify(GOOD, { auth });
    assert.equal(r.statusCode, 401, String(auth));
    assert.equal(r.json().error, 'api_key_invalid');
    assert.equal(r.headers['www-authenticate'], 'Bearer realm="bizotp"');
  }
  assert.equal((await a.verify({ ...GOOD, otp: await a.otp(SERIAL.hw1) })).statusCode, 200);
  await revokeApiKey(a.deps, { actor: 'bank:test', ip: 'test' }, 'teller');
  assert.equal((await a.verify(GOOD)).statusCode, 401, 'revoked: refused at once');
  const bank = await a.deps.store.transaction((tx) => tx.audit.entries('bank'));
  // Anonymous failures are written once per source and window: the first unknown key is, the rest are counted.
  assert.equal(bank.filter((e) => e.action === 'api.auth' && e.outcome === 'api_key_invalid').length, 1, 'one entry for the unknown and the revoked key');
});

test('the body must be JSON: a form, text or no content type is 415', async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  for (const [contentType, raw] of [['application/x-www-form-urlencoded', 'contract=10000000001&login=user01&otp=123456'], ['text/plain', JSON.stringify(GOOD)], ['', '']] as const) {
    const r = await a.verify(undefined, { contentType, raw });
    assert.equal(r.statusCode, 415, contentType);
    assert.equal(r.json().error, 'bad_request');
  }
});

test('an OTP sent as a JSON number is a 400 — it is never coerced into a string', async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  await a.register('user01', SERIAL.hw1);
  const code = await a.otp(SERIAL.hw1);
  const r = await a.verify({ contract: C, login: 'user01', otp: Number(code) });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error, 'bad_request');
  assert.equal((await a.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.consecutiveFailures, 0, 'nothing was evaluated');
  assert.equal((await a.verify({ contract: C, login: 'user01', otp: code })).json().result, 'accepted', 'the code is still unspent');
});

test('bodies that do not match the schema are 400', async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  const bad: unknown[] = [
    {}, [], null, 'text', 42, true,
    { ...GOOD, otp: '12345' }, { ...GOOD, otp: '123456789' }, { ...GOOD, otp: '１２３４５６' }, { ...GOOD, otp: ' 123456' },
    { ...GOOD, contract: 10000000001 }, { ...GOOD, contract: '1000000000' }, { ...GOOD, login: '' }, { ...GOOD, login: 'user 01' },
    { ...GOOD, login: 'x'.repeat(31) }, { ...GOOD, otp: null }, { contract: C, login: 'user01' },
  ];
  for (const body of bad) assert.equal((await a.verify(body)).statusCode, 400, JSON.stringify(body));
  for (const raw of ['{', '{"contract":', '', '\u0000', '{"__proto__":{"x":1},"contract":"10000000001"}']) {
    assert.equal((await a.verify(undefined, { raw })).statusCode, 400, JSON.stringify(raw));
  }
});

test('a body over 64 KiB is 413, and an unknown API path is a JSON 404', async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  const huge = await a.verify({ ...GOOD, padding: 'x'.repeat(70 * 1024) });
  assert.equal(huge.statusCode, 413);
  assert.equal(huge.json().error, 'bad_request');
  const missing = await a.app.inject({ method: 'GET', url: '/api/v1/nothing' });
  assert.deepEqual([missing.statusCode, missing.json().error], [404, 'page_not_found']);
});
