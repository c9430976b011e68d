import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContractId, parseLoginId, parseName, parseOtp, parseSecret, parseSerial } from './inputs.ts';

const code = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('OTP input: the allow-list and the message codes for look-alikes', () => {
  const table: [unknown, string][] = [
    ['123456', 'ok'],
    ['12345678', 'ok'],
    [' 123456 ', 'ok'],
    ['', 'required'],
    [undefined, 'required'],
    ['１２３４５６', 'not_half_width'],
    ['123　456', 'not_half_width'],
    ['12345', 'too_short'],
    ['123456789', 'too_long'],
    ['12 3456', 'bad_format'],
    ['12a456', 'bad_format'],
    ['١٢٣٤٥٦', 'bad_format'],
  ];
  for (const [input, expected] of table) assert.equal(code(parseOtp(input)), expected, `input ${JSON.stringify(input)}`);
});

test('ご契約先ID is exactly 11 digits', () => {
  assert.equal(code(parseContractId('10000000001')), 'ok');
  assert.equal(code(parseContractId('1000000000')), 'too_short');
  assert.equal(code(parseContractId('100000000011')), 'too_long');
  assert.equal(code(parseContractId('１0000000001')), 'not_half_width');
});

test('暗証番号 need 6–12 letters and digits, both present', () => {
  for (const [input, expected] of [['kanri001', 'ok'], ['abcdef', 'bad_format'], ['123456', 'bad_format'], ['ab12', 'too_short'], ['abcdefg123456', 'too_long'], ['kanri 001', 'bad_format']] as const) {
    assert.equal(code(parseSecret(input, 'pin')), expected, input);
  }
});

test('利用者ID, シリアル番号 and names', () => {
  assert.equal(code(parseLoginId('user01')), 'ok');
  assert.equal(code(parseLoginId('user-01')), 'bad_format');
  assert.equal(code(parseLoginId('a'.repeat(31))), 'too_long');
  assert.equal(code(parseSerial('10000000000011')), 'ok');
  assert.equal(code(parseSerial('１0000000000011')), 'not_half_width');
  assert.equal(code(parseName('利用者1')), 'ok');
  assert.equal(code(parseName('   ')), 'required');
  assert.equal(code(parseName('a\u0007b')), 'bad_format');
  assert.equal(code(parseName('あ'.repeat(31))), 'too_long');
});
