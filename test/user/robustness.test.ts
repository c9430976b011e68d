// security.md, Web: bad input never crashes a user screen: fuzzed forms get a Japanese page and a 4xx (or the
// next step), never a 5xx, and no money moves without an OTP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzString, prng } from '../support/fuzz.ts';
import { TRANSFER, userAgent } from './agent.ts';
import { SERIAL, setupUserApp } from './fixture.ts';

const ROUNDS = 150;

test(`${ROUNDS} fuzzed submissions of every user form give no 5xx and debit nothing`, async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  const rand = prng(42);
  const forms: [string, string[]][] = [
    ['/user/transfer', ['accountId', ...Object.keys(TRANSFER)]],
    ['/user/payeasy', ['accountId', 'billerNumber', 'customerNumber', 'confirmationNumber', 'amount']],
    ['/user/payments/execute', ['draftId', 'otp', 'userConfirmPin', 'amount']],
    ['/user/login', ['contractId', 'loginId', 'password']],
  ];
  for (let i = 0; i < ROUNDS; i++) {
    const [path, names] = forms[i % forms.length] ?? ['', []];
    const form = Object.fromEntries(names.filter(() => rand() < 0.8).map((n) => [n, n === 'draftId' && rand() < 0.5 ? draftId : fuzzString(rand)]));
    const page = await u.post(path, form);
    assert.ok(page.status < 500, `${path} ${JSON.stringify(form)} → ${page.status}`);
    assert.match(page.status === 303 ? '<html lang="ja">' : page.body, /<html lang="ja">/);
  }
  for (const query of ['?id=', `?id=${'z'.repeat(32)}`, '?id[]=1', `?from=${draftId}&from=x`, '?id=%00']) {
    for (const path of ['/user/payments/confirm', '/user/payments/receipt', '/user/transfer']) {
      assert.ok((await u.get(`${path}${query}`)).status < 500, `${path}${query}`);
    }
  }
  assert.equal((await f.history()).length, 0);
});
