// One catalog of everything that makes a seed file unimportable. Any ImportError aborts the whole import:
// the caller writes the yielded keys in one transaction and rolls back when the parser throws.
import { IMPORT_MESSAGES_JA } from './import-messages.ja.ts';

export const IMPORT_ERROR_CODES = [
  'unknown_format', 'bad_encoding', 'bad_xml', 'dtd_forbidden', 'bad_version',
  'unsupported_encryption', 'key_missing', 'bad_key', 'pbkdf2_incomplete', 'bad_pbkdf2',
  'mac_method_missing', 'unsupported_mac', 'bad_mac_key', 'mac_missing', 'mac_mismatch', 'bad_ciphertext',
  'plaintext_secret', 'key_element_missing', 'unknown_algorithm', 'secret_missing', 'secret_too_short',
  'bad_secret', 'bad_digits', 'bad_step', 'bad_counter', 'bad_time', 'bad_date',
  'unknown_policy', 'unsupported_policy', 'usage_not_permitted', 'serial_missing', 'bad_serial',
  'duplicate_serial', 'bad_device_info', 'bad_csv',
  'decryption_failed', 'private_key_mismatch',
  'pre_rfc_format', 'unknown_namespace', 'no_tokens', 'plaintext_not_allowed', 'weak_pbkdf2',
  'signature_missing', 'signature_invalid', 'signature_unsupported', 'signature_scope', 'signed_file_too_large',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Where in the file: the 1-based KeyPackage index (PSKC), the 1-based line, the serial when known. */
export interface ImportPosition {
  readonly keyPackage?: number;
  readonly line?: number;
  readonly serial?: string;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  readonly position: ImportPosition;
  /** A technical note in English for the operator's log. Never contains secret material. */
  readonly detail: string | null;
  /** What the message names in place of its `%s` (a namespace, an algorithm URI); from the file, never secret. */
  readonly subject: string | null;

  constructor(code: ImportErrorCode, position: ImportPosition = {}, detail: string | null = null, subject: string | null = null) {
    super(formatMessage(code, position, detail, subject));
    this.code = code;
    this.position = position;
    this.detail = detail;
    this.subject = subject;
  }

  /** The same error with position fields filled in where this one had none. */
  locatedAt(position: ImportPosition): ImportError {
    return new ImportError(this.code, { ...position, ...this.position }, this.detail, this.subject);
  }
}

/** Japanese text for bank staff, e.g. 「…（鍵パッケージ 3、シリアル番号 987654321、12行目）。ファイル全体を取り込みません。」 */
function formatMessage(code: ImportErrorCode, position: ImportPosition, detail: string | null, subject: string | null): string {
  const where: string[] = [];
  if (position.keyPackage !== undefined) where.push(`鍵パッケージ ${position.keyPackage}`);
  if (position.serial !== undefined) where.push(`シリアル番号 ${position.serial}`);
  if (position.line !== undefined) where.push(`${position.line}行目`);
  const suffix = where.length > 0 ? `（${where.join('、')}）` : '';
  const text = IMPORT_MESSAGES_JA[code].replace('%s', () => printable(subject ?? '不明'));
  return `${text}${named(code, detail)}${suffix}。ファイル全体を取り込みません。`;
}

/** An algorithm the importer does not take is named, so the operator can ask the vendor for another. */
function named(code: ImportErrorCode, detail: string | null): string {
  return detail !== null && (code === 'unsupported_encryption' || code === 'unsupported_mac') ? `：${printable(detail)}` : '';
}

/** A name taken from the file, cut short and without control characters, to sit inside a message. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
}
