// The console's トークン詳細 of an app soft token: its origin, activation state and last seen, so the bank can
// tell a phone still in use from a forgotten activation. Hardware tokens show none of it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bankWorld } from '../bank/bank-fixture.ts';
import { appClient } from '../support/soft-token-client.ts';

test('トークン詳細 shows an app token\'s 発行方法, 有効化 state and 最終確認, and nothing of the kind for a hardware token', async (t) => {
  const w = await bankWorld();
  t.after(() => w.close());
  const client = appClient(w.app, { origin: 'http://localhost' });
  const token = await client.activate();
  const viewer = await w.loggedIn(await w.staff('vw1', 'viewer'));
  const pending = await viewer.get(`/bank/tokens/${token.serial}`);
  assert.equal(pending.status, 200);
  assert.match(pending.body, /data-soft-origin="app">アプリで有効化</);
  assert.match(pending.body, /data-soft-state="pending">有効化待ち</);
  assert.match(pending.body, /data-soft-last-seen>-</);

  assert.equal((await client.post('/app/api/activations/confirm', { serial: token.serial, code: await token.code(w.f.clock.nowMs) })).status, 200);
  const active = await viewer.get(`/bank/tokens/${token.serial}`);
  assert.match(active.body, /data-soft-state="active">有効化済み（\d{4}/);
  assert.doesNotMatch(active.body, /data-soft-last-seen>-</);

  const hardware = await viewer.get('/bank/tokens/10000000000011');
  assert.equal(hardware.status, 200);
  assert.doesNotMatch(hardware.body, /data-soft-/);
});
