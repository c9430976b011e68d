// Parse at the edge (style.md habit 6): the fields of 資金移動 and of 税金・各種料金の払込み, from `unknown`,
// against allow-lists. 全角 digits get `not_half_width` so the screen can say 「半角で」 (ASVS 4.0.3 5.1.3).

import { fail, type Failure } from './error-codes.ts';
import type { Parsed } from './inputs.ts';
import { MAX_AMOUNT_DIGITS } from './payment-policy.ts';
import { ACCOUNT_KINDS, type AccountKind } from './store-ports.ts';
import { isCalendarDate } from './tokyo-date.ts';

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const NON_ASCII = /[^\x20-\x7e]/;

/** Exactly or at most so many ASCII digits, trimmed of surrounding spaces. */
function parseDigits(raw: unknown, field: string, min: number, max: number): Parsed {
  if (typeof raw !== 'string') return fail('required', field);
  const value = raw.trim();
  if (value.length === 0) return fail('required', field);
  if (FULL_WIDTH.test(value)) return fail('not_half_width', field);
  if (NON_ASCII.test(value) || !/^\d+$/.test(value)) return fail('bad_format', field);
  if (value.length > max) return fail('too_long', field);
  if (value.length < min) return fail('too_short', field);
  return { ok: true, value };
}

/** 金融機関コード: 4 digits. */
export const parseBankCode = (raw: unknown): Parsed => parseDigits(raw, 'bankCode', 4, 4);
/** 支店コード: 3 digits. */
export const parseBranchCode = (raw: unknown): Parsed => parseDigits(raw, 'branchCode', 3, 3);
/** 口座番号: 7 digits (shorter numbers are written with leading zeros). */
export const parseAccountNumber = (raw: unknown): Parsed => parseDigits(raw, 'accountNumber', 7, 7);
/** 収納機関番号 (Pay-easy): 5 digits. */
export const parseBillerNumber = (raw: unknown): Parsed => parseDigits(raw, 'billerNumber', 5, 5);
/** お客様番号 (Pay-easy): up to 20 digits. */
export const parseCustomerNumber = (raw: unknown): Parsed => parseDigits(raw, 'customerNumber', 1, 20);
/** 確認番号 (Pay-easy): up to 6 digits. */
export const parseConfirmationNumber = (raw: unknown): Parsed => parseDigits(raw, 'confirmationNumber', 1, 6);

/** 科目: 普通, 当座 or 貯蓄. */
export function parseAccountKind(raw: unknown, field = 'accountKind'): { ok: true; value: AccountKind } | Failure<'required' | 'bad_format'> {
  if (typeof raw !== 'string' || raw === '') return fail('required', field);
  return (ACCOUNT_KINDS as readonly string[]).includes(raw) ? { ok: true, value: raw as AccountKind } : fail('bad_format', field);
}

/** 金額: whole yen, 1 to 12 digits; thousands separators (1,000) are accepted and dropped. */
export function parseAmount(raw: unknown, field = 'amount'): { ok: true; value: bigint } | Failure<'required' | 'not_half_width' | 'amount_invalid' | 'too_long'> {
  if (typeof raw !== 'string') return fail('required', field);
  const value = raw.trim().replace(/,(?=\d{3}(?:,|$))/g, '');
  if (value.length === 0) return fail('required', field);
  if (FULL_WIDTH.test(value)) return fail('not_half_width', field);
  if (!/^\d+$/.test(value)) return fail('amount_invalid', field);
  const digits = value.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_AMOUNT_DIGITS) return fail('too_long', field);
  const amount = BigInt(digits);
  return amount > 0n ? { ok: true, value: amount } : fail('amount_invalid', field);
}

/** 振込指定日 as YYYY-MM-DD (what <input type="date"> sends); the range is the domain's (preparePayment). */
export function parseTransferDate(raw: unknown, field = 'transferDate'): Parsed {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('required', field);
  const value = raw.trim();
  if (FULL_WIDTH.test(value)) return fail('not_half_width', field);
  return isCalendarDate(value) ? { ok: true, value } : fail('bad_format', field);
}

/** The internal id of one of the contract's accounts, from a radio button or a select. */
export function parseAccountId(raw: unknown, field = 'accountId'): { ok: true; value: number } | Failure<'account_not_found'> {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,14}$/.test(raw)) return fail('account_not_found', field);
  return { ok: true, value: Number(raw) };
}
