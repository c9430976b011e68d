// BIZOTP_BANK_NAME: the issuer customers' authenticator apps show for otpauth software tokens.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'bizotp-bank-name-'));
const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ BIZOTP_DATA_DIR: dir, BIZOTP_MASTER_KEY: 'ab'.repeat(32), ...extra });

test('the bank name defaults to a Japanese name and is taken trimmed from BIZOTP_BANK_NAME', () => {
  assert.equal(loadConfig(env({})).bankName, 'しんきん法人IB');
  assert.equal(loadConfig(env({ BIZOTP_BANK_NAME: '  ' })).bankName, 'しんきん法人IB');
  assert.equal(loadConfig(env({ BIZOTP_BANK_NAME: ' みどり信用金庫 ' })).bankName, 'みどり信用金庫');
});

test('a bank name with a colon (the label separator), a control character or over 30 characters stops start-up', () => {
  for (const bad of ['銀行:本店', 'a\nb', 'あ'.repeat(31)]) assert.throws(() => loadConfig(env({ BIZOTP_BANK_NAME: bad })), ConfigError, JSON.stringify(bad));
});
