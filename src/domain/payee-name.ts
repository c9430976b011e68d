// 受取人名: the payee's name as the Zengin (全銀) network carries it, in half-width katakana. Full-width kana,
// hiragana and kanji get their own message, because they are what people type first (ASVS 4.0.3 5.1.3:
// allow-list, with a clear message for look-alikes).

import { fail, type Failure } from './error-codes.ts';

export type PayeeNameParse =
  | { readonly ok: true; readonly value: string }
  | Failure<'required' | 'too_long' | 'payee_name_full_width' | 'payee_name_small_kana' | 'payee_name_chars'>;

/** The Zengin network's names are at most 30 half-width characters (a ﾞ or ﾟ counts as one). */
export const PAYEE_NAME_MAX = 30;

// Full-width katakana and hiragana (U+3040–30FF), CJK ideographs, full-width ASCII forms and the ideographic space.
const FULL_WIDTH = /[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
// ｧ ｨ ｩ ｪ ｫ ｬ ｭ ｮ ｯ (U+FF67–FF6F): Zengin has no small kana.
const SMALL_KANA = /[\uff67-\uff6f]/;
// ｦ, ｰ (the long-vowel mark, U+FF70), ｱ–ﾝ, ﾞ ﾟ; capital letters, digits, space and ( ) . - / , ｢ ｣.
const ALLOWED = /^[\uff66\uff70-\uff9f\uff62\uff63A-Z0-9 ().\-/,]+$/;

export function parsePayeeName(raw: unknown, field = 'payeeName'): PayeeNameParse {
  if (typeof raw !== 'string') return fail('required', field);
  const value = raw.replace(/^ +| +$/g, '');
  if (value.length === 0) return fail('required', field);
  if (FULL_WIDTH.test(value)) return fail('payee_name_full_width', field);
  if (SMALL_KANA.test(value)) return fail('payee_name_small_kana', field);
  if (!ALLOWED.test(value)) return fail('payee_name_chars', field);
  if (value.length > PAYEE_NAME_MAX) return fail('too_long', field);
  return { ok: true, value };
}
