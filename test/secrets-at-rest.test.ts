// security.md, Secrets: a dump of the database holds no token secret and no password or PIN in clear.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { importTokens } from '../src/domain/import-tokens.ts';
import { setupWorld, WHO } from './support/domain-setup.ts';

test('the database files contain neither a canary token secret nor any password or PIN in clear', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-canary-'));
  const w = await setupWorld(join(dir, 'db.sqlite'));
  const canary = Buffer.from('CANARY-SECRET-7f3a9c1e5b');
  async function* one(): AsyncGenerator<Parameters<typeof importTokens>[2] extends AsyncIterable<infer K> ? K : never> {
    yield { serial: '10000000000099', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, secret: canary, counter: 0n, expiresAtMs: null, model: 'hw1' };
  }
  await importTokens(w.deps, WHO, one(), { defaultModel: 'hw1', contractId: null, demo: false, source: 'canary' });
  await w.contract('10000000001'); // admin password kanri001, confirmation PIN kakunin01
  await w.user('10000000001', 'user01'); // password riyou001, confirmation PIN kakunin02
  await w.close();

  const needles = [canary, Buffer.from(canary.toString('hex')), Buffer.from(canary.toString('base64')), ...['kanri001', 'kakunin01', 'riyou001', 'kakunin02'].map((s) => Buffer.from(s))];
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, file));
    for (const needle of needles) assert.equal(bytes.includes(needle), false, `${file} contains ${needle.toString()}`);
  }

  const db = new DatabaseSync(join(dir, 'db.sqlite'));
  for (const row of db.prepare('SELECT admin_password_hash AS a, confirm_pin_hash AS b FROM contracts UNION ALL SELECT password_hash, confirm_pin_hash FROM users').all()) {
    for (const hash of [row.a, row.b]) assert.match(String(hash), /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  }
  db.close();
});
