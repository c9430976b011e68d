// The plaintext of an encrypted Counter, Time, TimeInterval or TimeDrift. RFC 6030 does not fix its
// encoding: exporters write the decimal digits (as in a PlainValue) or the big-endian integer; python-pskc
// reads both the same way. All-digit plaintext is read as decimal, anything else of 1–8 bytes as binary.
import { ImportError } from './import-error.ts';

/** The value as decimal text, for the same checks a PlainValue gets. TimeDrift may be negative. */
export function decryptedInteger(field: string, plaintext: Buffer): string {
  const signed = field === 'TimeDrift';
  const text = plaintext.toString('latin1');
  if ((signed ? /^-?\d{1,20}$/ : /^\d{1,20}$/).test(text)) return text;
  if (plaintext.length < 1 || plaintext.length > 8) {
    const code = field === 'Counter' ? 'bad_counter' : field === 'TimeInterval' ? 'bad_step' : 'bad_time';
    throw new ImportError(code, {}, `encrypted ${field}: ${plaintext.length} bytes`);
  }
  const padded = Buffer.alloc(8, signed && (plaintext[0] ?? 0) >= 0x80 ? 0xff : 0);
  plaintext.copy(padded, 8 - plaintext.length);
  return String(signed ? padded.readBigInt64BE() : padded.readBigUInt64BE());
}
