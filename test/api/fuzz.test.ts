// security.md, Web: fuzzed input never crashes the API: zero 5xx, and nothing unexpected is accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzJson, fuzzString, prng } from '../support/fuzz.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { setupApi } from './api-fixture.ts';

const ROUNDS = 400;

test(`${ROUNDS} fuzzed bodies, content types and keys get 4xx or a verdict, never a 5xx`, async (t) => {
  const a = await setupApi();
  t.after(() => a.close());
  await a.register('user01', SERIAL.hw1);
  const rand = prng(20261124);
  const statuses = new Map<number, number>();
  for (let i = 0; i < ROUNDS; i++) {
    const shape = rand();
    const digits = String(Math.floor(rand() * 1e8)).padStart(6 + Math.floor(rand() * 3), '0').slice(0, 8);
    const body = shape < 0.3 ? fuzzJson(rand)
      : shape < 0.5 ? { contract: C, login: rand() < 0.5 ? 'user01' : 'user02', otp: digits, timestamp: fuzzJson(rand) } // a well-formed guess: a verdict
      : { contract: rand() < 0.5 ? C : fuzzString(rand), login: rand() < 0.5 ? 'user01' : fuzzString(rand), otp: rand() < 0.3 ? fuzzJson(rand) : fuzzString(rand) };
    const raw = rand() < 0.15 ? fuzzString(rand) : undefined;
    const contentType = rand() < 0.1 ? fuzzString(rand).replace(/[^\x20-\x7e]/g, '') : 'application/json';
    const auth = rand() < 0.1 ? `Bearer ${fuzzString(rand).replace(/[^\x20-\x7e]/g, '')}` : undefined;
    const r = await a.verify(body, { ...(raw === undefined ? {} : { raw }), contentType, ...(auth === undefined ? {} : { auth }) });
    statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    assert.ok(r.statusCode < 500, `round ${i}: ${r.statusCode} for ${JSON.stringify(body)} ${r.body}`);
    if (r.statusCode === 200) assert.notEqual(r.json().result, 'accepted', `round ${i}: a fuzzed code was accepted`);
  }
  assert.ok((statuses.get(400) ?? 0) > 0 && (statuses.get(200) ?? 0) > 0, JSON.stringify([...statuses]));
});
