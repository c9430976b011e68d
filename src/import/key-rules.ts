// The validation rules shared by the PSKC and CSV parsers. Each parses text from the file into a value of
// the domain's types or throws an ImportError (without position; the parser adds it).
import type { OtpAlgorithm } from '../domain/token.ts';
import { ImportError } from './import-error.ts';

const SERIAL = /^[A-Za-z0-9]{1,32}$/;
const MIN_SECRET_BYTES = 16; // RFC 4226 §4 R6 (128 bits), NIST SP 800-63B §5.1.4.1; RFC 6030 Figure 2 fails it
const MAX_SECRET_BYTES = 128; // one SHA-512 block; anything longer is not a real OTP seed
// RFC 4226 §5.1 allows 2^64−1, but both stores keep counters in a signed 64-bit column (PostgreSQL bigint):
// a larger value would pass here and fail in the driver, mid-import.
const MAX_STORABLE_COUNTER = (1n << 63n) - 1n;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function parseSerial(text: string | null): string {
  if (text === null || text.trim() === '') throw new ImportError('serial_missing');
  const serial = text.trim();
  if (!SERIAL.test(serial)) throw new ImportError('bad_serial');
  return serial;
}

export function checkSecret(secret: Buffer | null): Buffer {
  if (secret === null) throw new ImportError('secret_missing');
  if (secret.length < MIN_SECRET_BYTES) throw new ImportError('secret_too_short', {}, `${secret.length} bytes`);
  if (secret.length > MAX_SECRET_BYTES) throw new ImportError('bad_secret', {}, `${secret.length} bytes`);
  return secret;
}

/** RFC 4226 §5.3: 6 to 8 decimal digits here (RFC 6030 §10.1 allows 9; no token we accept shows 9). */
export function parseDigits(text: string | null): 6 | 7 | 8 {
  const trimmed = text?.trim();
  if (trimmed === '6' || trimmed === '7' || trimmed === '8') return Number(trimmed) as 6 | 7 | 8;
  throw new ImportError('bad_digits', {}, `length ${text ?? '(none)'}`);
}

/** RFC 6238 §5.2 recommends 30 s; the seed's hardware example 2 uses 60 s. Absent means 30. */
export function parseStep(text: string | null): 30 | 60 {
  const trimmed = text?.trim() ?? '30';
  if (trimmed === '30' || trimmed === '60') return Number(trimmed) as 30 | 60;
  throw new ImportError('bad_step', {}, `interval ${trimmed}`);
}

/** RFC 4226 §5.1: an 8-byte moving factor; 0 … 2^63−1, what the inventory can store. */
export function parseCounter(text: string): bigint {
  const trimmed = text.trim();
  if (!/^\d{1,20}$/.test(trimmed)) throw new ImportError('bad_counter');
  const value = BigInt(trimmed);
  if (value > MAX_STORABLE_COUNTER) throw new ImportError('bad_counter', {}, `${trimmed} is above 2^63-1`);
  return value;
}

/** xs:dateTime with an explicit zone (a zone-less time would depend on the importing server's clock). */
export function parseDateTime(text: string): number {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) throw new ImportError('bad_date');
  const part = (i: number): string => match[i] ?? '';
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map(part);
  const utcMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2030-02-30 over to March; a round trip catches every out-of-range field.
  if (new Date(utcMs).toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) {
    throw new ImportError('bad_date');
  }
  const zone = part(8);
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const fraction = part(7);
  return utcMs - offsetMinutes * 60_000 + Math.trunc(Number(`0${fraction}`) * 1000);
}

/**
 * The HMAC hash. Accepted spellings (case-insensitive): SHA1, SHA-1, HMAC-SHA1, HMAC-SHA-1, and the same
 * for 256 and 512 — as written in PSKC AlgorithmParameters/Suite or the CSV `algorithm` column.
 */
export function parseHash(text: string | null): OtpAlgorithm {
  if (text === null) return 'SHA1';
  const normalised = text.trim().toUpperCase().replace(/^HMAC-/, '').replace('-', '');
  if (normalised === 'SHA1' || normalised === 'SHA256' || normalised === 'SHA512') return normalised;
  throw new ImportError('unknown_algorithm', {}, `hash ${text.trim()}`);
}

/** DeviceInfo/Model, DeviceInfo/Manufacturer, the CSV `model` column: 1–64 characters, no control characters. */
export function parseDeviceText(text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  const value = text.trim();
  // eslint-disable-next-line no-control-regex
  if (value.length > 64 || /[\u0000-\u001f\u007f]/.test(value)) throw new ImportError('bad_device_info');
  return value;
}
