// bizotp tokens purge-soft: the operator's run of the purge the server's scheduler also runs, audited with
// --operator and --reason.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, test } from 'node:test';
import { APP_TOKEN_PARAMS } from '../src/domain/soft-token/soft-token-protocol.ts';
import { PENDING_SOFT_TOKEN_TTL_MS } from '../src/domain/soft-token/soft-token-policy.ts';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

let cli: CliHarness;
beforeEach(async () => {
  cli = cliHarness();
  assert.equal((await cli.run(['migrate'])).code, 0);
});
afterEach(() => cli.close());

async function pendingAppToken(serial: string): Promise<void> {
  const deps = await cli.deps();
  await deps.store.transaction((tx) =>
    tx.softTokens.insert(
      { serial, kind: 'software', model: 'sw', params: APP_TOKEN_PARAMS, sealed: deps.keyring.seal(serial, randomBytes(32)), counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'in_stock' },
      { origin: 'app', state: 'pending', createdAtMs: deps.now() },
    ),
  );
}

test('tokens purge-soft removes the expired pending app tokens, says how many, and audits operator and reason', async () => {
  await pendingAppToken('20000000000301');
  cli.advance(PENDING_SOFT_TOKEN_TTL_MS + 1);
  await pendingAppToken('20000000000302');
  const run = await cli.run(['tokens', 'purge-soft', '--operator', 'sato', '--reason', '定期削除']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /有効化未完了 1件、未登録 0件/);
  const deps = await cli.deps();
  assert.equal(await deps.store.transaction((tx) => tx.softTokens.get('20000000000301')), undefined);
  assert.notEqual(await deps.store.transaction((tx) => tx.softTokens.get('20000000000302')), undefined);
  const entry = (await deps.store.transaction((tx) => tx.audit.entries('bank'))).find((e) => e.action === 'soft_token.purge');
  assert.equal(entry?.actor, 'staff:sato');
  assert.equal(JSON.parse(entry?.detail ?? '{}').reason, '定期削除');
});

test('tokens purge-soft without --operator or --reason is bad usage (exit 2) and removes nothing', async () => {
  await pendingAppToken('20000000000303');
  cli.advance(PENDING_SOFT_TOKEN_TTL_MS + 1);
  assert.equal((await cli.run(['tokens', 'purge-soft', '--reason', 'x'])).code, 2);
  assert.equal((await cli.run(['tokens', 'purge-soft', '--operator', 'sato'])).code, 2);
  const deps = await cli.deps();
  assert.notEqual(await deps.store.transaction((tx) => tx.softTokens.get('20000000000303')), undefined);
});
