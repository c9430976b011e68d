// `bizotp apikeys create --name NAME` prints the key once (only its SHA-256 is stored) and the key opens the
// API; `bizotp apikeys revoke` closes it at once.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hashApiKey } from '../../src/domain/api-keys.ts';
import { createApp } from '../../src/web/app.ts';
import { cliHarness } from '../support/cli-harness.ts';

test('apikeys create prints a new key once on stdout, stores only its hash, and the key opens the API until revoked', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  const created = await cli.run(['apikeys', 'create', '--name', 'teller-1']);
  assert.equal(created.code, 0, created.stderr);
  const key = created.stdout.trim();
  assert.match(key, /^bzo_[A-Za-z0-9_-]{43}$/);
  assert.match(created.stderr, /二度と表示されません/);
  const deps = await cli.deps();
  const stored = await deps.store.transaction((tx) => tx.apiKeys.list());
  assert.deepEqual(stored.map((k) => [k.name, k.keyHash]), [['teller-1', hashApiKey(key)]]);
  for (const file of [cli.dbPath, `${cli.dbPath}-wal`].filter((p) => existsSync(p))) {
    assert.ok(!readFileSync(file).includes(key.slice(4)), `the key itself is nowhere in ${file}`);
  }

  const app = createApp(deps, { secureCookies: false, logger: false });
  t.after(() => app.close());
  const call = () => app.inject({ method: 'POST', url: '/api/v1/otp/verify', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: { contract: '10000000001', login: 'user01', otp: '123456' } });
  assert.deepEqual((await call()).json(), { result: 'rejected', reason: 'not_registered' });
  assert.equal((await cli.run(['apikeys', 'revoke', '--name', 'teller-1'])).code, 0);
  assert.equal((await call()).statusCode, 401);
  assert.equal((await cli.run(['apikeys', 'revoke', '--name', 'teller-1'])).code, 1, 'already revoked');
});

test('apikeys create refuses a taken name (exit 1), a bad or missing name (exit 2), and answers --help', async (t) => {
  const cli = cliHarness();
  t.after(() => cli.close());
  assert.equal((await cli.run(['apikeys', 'create', '--name', 'teller'])).code, 0);
  const again = await cli.run(['apikeys', 'create', '--name', 'teller']);
  assert.equal(again.code, 1);
  assert.equal(again.stdout, '', 'no key printed');
  assert.equal((await cli.run(['apikeys', 'create', '--name', 'bad name!'])).code, 2);
  assert.equal((await cli.run(['apikeys', 'create'])).code, 2);
  for (const verb of ['create', 'revoke']) assert.equal((await cli.run(['apikeys', verb, '--help'])).code, 0);
  const audit = await (await cli.deps()).store.transaction((tx) => tx.audit.entries('bank'));
  assert.deepEqual(audit.filter((e) => e.action === 'apikey.create').map((e) => e.target), ['teller']);
});
