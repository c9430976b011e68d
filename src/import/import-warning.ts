// What an import says beside its result without refusing the file: a weak but allowed PBKDF2 setting, a
// signature that was not verified. Warnings go to whoever runs the import (the CLI's standard error).
import { IMPORT_WARNINGS_JA } from './import-messages.ja.ts';

export const IMPORT_WARNING_CODES = ['pbkdf2_few_iterations', 'signature_not_verified', 'unsigned_file'] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  readonly code: ImportWarningCode;
  /** Japanese text for bank staff. */
  readonly message: string;
}

export type WarningSink = (warning: ImportWarning) => void;

/** `subject` fills the message's `%s` (a number from the file). */
export function importWarning(code: ImportWarningCode, subject = ''): ImportWarning {
  return { code, message: IMPORT_WARNINGS_JA[code].replace('%s', () => subject) };
}
