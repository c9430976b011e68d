import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePayeeName, PAYEE_NAME_MAX } from './payee-name.ts';
import { parseAccountKind, parseAccountNumber, parseAmount, parseBankCode, parseBillerNumber, parseBranchCode, parseConfirmationNumber, parseCustomerNumber, parseTransferDate } from './payment-inputs.ts';

const codeOf = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? ''));

test('受取人名 accepts half-width katakana with ﾞ ﾟ, the long-vowel mark ｰ, spaces, capitals, digits and ( ) . - /', () => {
  for (const name of ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ｶ)ﾃﾞﾓｼﾖｳｼﾞ', 'ｺｰﾋｰ ﾄﾞｳ', 'ﾊﾟﾝ ABC-1/2.', 'ｦｦ', '(ｶ ﾎﾟｰﾙ']) {
    assert.deepEqual(parsePayeeName(name), { ok: true, value: name }, name);
  }
  assert.deepEqual(parsePayeeName('  ﾔﾏﾀﾞ  '), { ok: true, value: 'ﾔﾏﾀﾞ' }, 'surrounding spaces are trimmed');
});

test('受取人名 in full-width katakana, hiragana, kanji or with an ideographic space gets the full-width message', () => {
  for (const name of ['ヤマダ タロウ', 'やまだ', '山田太郎', 'ﾔﾏﾀﾞ\u3000ﾀﾛｳ', 'ＡＢＣ', 'ﾔﾏﾀﾞー']) {
    assert.equal(codeOf(parsePayeeName(name)), 'payee_name_full_width', name);
  }
});

test('受取人名 with small kana, lower-case letters or other symbols is refused with its own reason', () => {
  assert.equal(codeOf(parsePayeeName('ｷｯﾃ')), 'payee_name_small_kana');
  assert.equal(codeOf(parsePayeeName('ｼｬﾁｮｳ')), 'payee_name_small_kana');
  for (const name of ['yamada', 'ﾔﾏﾀﾞ!', 'ﾔﾏﾀﾞ<script>', 'ﾔﾏﾀﾞ\t']) assert.equal(codeOf(parsePayeeName(name)), 'payee_name_chars', name);
  assert.equal(codeOf(parsePayeeName('')), 'required');
  assert.equal(codeOf(parsePayeeName(undefined)), 'required');
  assert.equal(codeOf(parsePayeeName('ｱ'.repeat(PAYEE_NAME_MAX))), 'ok');
  assert.equal(codeOf(parsePayeeName('ｱ'.repeat(PAYEE_NAME_MAX + 1))), 'too_long');
});

test('bank, branch and account codes are exactly 4, 3 and 7 half-width digits', () => {
  assert.equal(codeOf(parseBankCode('0001')), 'ok');
  assert.equal(codeOf(parseBankCode('001')), 'too_short');
  assert.equal(codeOf(parseBankCode('00011')), 'too_long');
  assert.equal(codeOf(parseBankCode('０００１')), 'not_half_width');
  assert.equal(codeOf(parseBranchCode('12a')), 'bad_format');
  assert.equal(codeOf(parseBranchCode('123')), 'ok');
  assert.equal(codeOf(parseAccountNumber('1234567')), 'ok');
  assert.equal(codeOf(parseAccountNumber('123456')), 'too_short');
  assert.equal(codeOf(parseAccountNumber(undefined)), 'required');
});

test('Pay-easy numbers: 収納機関番号 5 digits, お客様番号 up to 20, 確認番号 up to 6', () => {
  assert.equal(codeOf(parseBillerNumber('12345')), 'ok');
  assert.equal(codeOf(parseBillerNumber('1234')), 'too_short');
  assert.equal(codeOf(parseCustomerNumber('1'.repeat(20))), 'ok');
  assert.equal(codeOf(parseCustomerNumber('1'.repeat(21))), 'too_long');
  assert.equal(codeOf(parseConfirmationNumber('123456')), 'ok');
  assert.equal(codeOf(parseConfirmationNumber('1234567')), 'too_long');
  assert.equal(codeOf(parseConfirmationNumber('１２')), 'not_half_width');
});

test('科目 is one of 普通, 当座 and 貯蓄', () => {
  assert.deepEqual(parseAccountKind('toza'), { ok: true, value: 'toza' });
  assert.equal(codeOf(parseAccountKind('')), 'required');
  assert.equal(codeOf(parseAccountKind('savings')), 'bad_format');
});

test('金額 is whole yen from 1 to 12 digits, with optional thousands separators, as an exact bigint', () => {
  assert.deepEqual(parseAmount('1,000,000'), { ok: true, value: 1_000_000n });
  assert.deepEqual(parseAmount(' 0012 '), { ok: true, value: 12n });
  assert.deepEqual(parseAmount('999999999999'), { ok: true, value: 999_999_999_999n });
  assert.equal(codeOf(parseAmount('1000000000000')), 'too_long');
  assert.equal(codeOf(parseAmount('0')), 'amount_invalid');
  assert.equal(codeOf(parseAmount('-5')), 'amount_invalid');
  assert.equal(codeOf(parseAmount('1.5')), 'amount_invalid');
  assert.equal(codeOf(parseAmount('1,00')), 'amount_invalid');
  assert.equal(codeOf(parseAmount('１０００')), 'not_half_width');
  assert.equal(codeOf(parseAmount('')), 'required');
});

test('振込指定日 is a real calendar date written YYYY-MM-DD', () => {
  assert.equal(codeOf(parseTransferDate('2026-11-24')), 'ok');
  assert.equal(codeOf(parseTransferDate('2026-02-30')), 'bad_format');
  assert.equal(codeOf(parseTransferDate('2026/11/24')), 'bad_format');
  assert.equal(codeOf(parseTransferDate('２０２６-11-24')), 'not_half_width');
  assert.equal(codeOf(parseTransferDate('')), 'required');
});
