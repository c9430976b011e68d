// Parse at the edge (style.md habit 6): every value a person or system types is checked against an
// allow-list here, before the domain sees it. 全角 look-alikes get their own code so that the screen can say
//「半角で入力してください」 rather than a vague "invalid" (ASVS 4.0.3 5.1.3).

import { fail, type Failure } from './error-codes.ts';

type InputFailure = Failure<'required' | 'not_half_width' | 'bad_format' | 'too_long' | 'too_short'>;
export type Parsed = { readonly ok: true; readonly value: string } | InputFailure;

// Full-width forms (U+FF01–FF5E), the ideographic space and other non-ASCII characters.
const NON_ASCII = /[^\x20-\x7e]/;
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

interface Rule {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** Identifiers and codes are trimmed of surrounding spaces; secrets are taken exactly as typed. */
  readonly trim: boolean;
}

function parseWith(rule: Rule, raw: unknown): Parsed {
  if (typeof raw !== 'string') return fail('required', rule.field);
  const value = rule.trim ? raw.trim() : raw;
  if (value.length === 0) return fail('required', rule.field);
  if (FULL_WIDTH.test(value)) return fail('not_half_width', rule.field);
  if (NON_ASCII.test(value)) return fail('bad_format', rule.field);
  if (value.length > rule.max) return fail('too_long', rule.field);
  if (value.length < rule.min) return fail('too_short', rule.field);
  if (!rule.pattern.test(value)) return fail('bad_format', rule.field);
  return { ok: true, value };
}

/** ご契約先ID: 11 digits. */
export const parseContractId = (raw: unknown, field = 'contractId'): Parsed => parseWith({ field, min: 11, max: 11, pattern: /^\d{11}$/, trim: true }, raw);
/** 利用者ID: 1–30 ASCII letters and digits. */
export const parseLoginId = (raw: unknown, field = 'loginId'): Parsed => parseWith({ field, min: 1, max: 30, pattern: /^[A-Za-z0-9]+$/, trim: true }, raw);
/** シリアル番号: the seed shows 14 digits; vendors' serials are letters and digits, up to 32. */
/** 取引認証番号: the 8-digit OCRA response the bizotp app shows (SOFT-TOKEN-SPEC.md). */
export const parseSignature = (raw: unknown, field = 'signature'): Parsed => parseWith({ field, min: 8, max: 8, pattern: /^\d+$/, trim: true }, raw);
export const parseSerial = (raw: unknown, field = 'serial'): Parsed => parseWith({ field, min: 1, max: 32, pattern: /^[A-Za-z0-9]+$/, trim: true }, raw);
/** ワンタイムパスワード: 6–8 digits (RFC 4226 §5.3). */
export const parseOtp = (raw: unknown, field = 'otp'): Parsed => parseWith({ field, min: 6, max: 8, pattern: /^\d+$/, trim: true }, raw);
/** Every 暗証番号: 6–12 letters and digits, both present (product.md §2). */
export const parseSecret = (raw: unknown, field: string): Parsed =>
  parseWith({ field, min: 6, max: 12, pattern: /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+$/, trim: false }, raw);
/** A secret typed to be checked (not set): only its presence and length are checked, to say nothing more. */
export const parseSecretAttempt = (raw: unknown, field: string): Parsed => parseWith({ field, min: 1, max: 64, pattern: /^[\x21-\x7e]+$/, trim: false }, raw);

/** 利用者名 and ご契約先名: 1–30 characters, no control characters. */
export function parseName(raw: unknown, field = 'name'): Parsed {
  if (typeof raw !== 'string' || raw.trim().length === 0) return fail('required', field);
  const value = raw.trim();
  if (/[\u0000-\u001f\u007f]/.test(value)) return fail('bad_format', field);
  if ([...value].length > 30) return fail('too_long', field);
  return { ok: true, value };
}
