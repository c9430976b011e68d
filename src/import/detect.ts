// Which parser a seed file needs, from its first non-blank character: '<' is XML (PSKC, RFC 6030),
// a letter is the CSV header ("serial,…"). A UTF-8 BOM and whitespace are skipped.
import { ImportError } from './import-error.ts';

export type SeedFormat = 'pskc' | 'csv';

/** null while `head` holds only blanks (read more); throws unknown_format for anything else. */
export function detectFormat(head: Buffer | Uint8Array | string): SeedFormat | null {
  const text = typeof head === 'string' ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  // The BOM as text (U+FEFF) or as UTF-8 bytes read one per character (EF BB BF).
  const first = /[^ \t\r\n]/.exec(text.replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, ''))?.[0];
  if (first === undefined) return null;
  if (first === '<') return 'pskc';
  if (/[A-Za-z]/.test(first)) return 'csv';
  throw new ImportError('unknown_format');
}
