// One data line of the CSV fallback format (see README.md) → ImportedKey, with the same rules as PSKC.
import type { OtpParams } from '../domain/token.ts';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import {
  checkSecret, parseCounter, parseDateTime, parseDeviceText, parseDigits, parseHash, parseSerial, parseStep,
} from './key-rules.ts';
import { decodeBase32, decodeHex } from './text-encodings.ts';

export type CsvSecretEncoding = 'hex' | 'base32';

const COLUMNS = ['serial', 'type', 'algorithm', 'digits', 'step', 'counter', 'secret', 'expiry', 'model'] as const;
export const CSV_HEADER_HEX = COLUMNS.join(',').replace('secret', 'secret_hex');
export const CSV_HEADER_BASE32 = COLUMNS.join(',').replace('secret', 'secret_base32');

/** The header line names the secret's encoding for the whole file. */
export function parseCsvHeader(line: string): CsvSecretEncoding {
  const header = line.split(',').map((field) => field.trim().toLowerCase()).join(',');
  if (header === CSV_HEADER_HEX) return 'hex';
  if (header === CSV_HEADER_BASE32) return 'base32';
  throw new ImportError('bad_csv', {}, `header must be ${CSV_HEADER_HEX} or ${CSV_HEADER_BASE32}`);
}

export function splitCsvFields(line: string): string[] {
  // No value of this format needs quoting, so a quote means a file this parser would misread.
  if (line.includes('"')) throw new ImportError('bad_csv', {}, 'quoted fields are not used in this format');
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length !== COLUMNS.length) {
    throw new ImportError('bad_csv', {}, `${fields.length} fields, expected ${COLUMNS.length}`);
  }
  return fields;
}

export function parseCsvRow(fields: readonly string[], encoding: CsvSecretEncoding): ImportedKey {
  const field = (name: (typeof COLUMNS)[number]): string => fields[COLUMNS.indexOf(name)] ?? '';
  const orNull = (text: string): string | null => (text === '' ? null : text);
  const serial = parseSerial(field('serial'));
  const kind = field('type').toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp') throw new ImportError('unknown_algorithm', {}, `type ${field('type')}`);
  const algorithm = parseHash(orNull(field('algorithm')));
  const digits = parseDigits(field('digits'));
  let params: OtpParams;
  let counter = 0n;
  if (kind === 'hotp') {
    if (field('step') !== '') throw new ImportError('bad_step', {}, 'HOTP has no time step');
    if (field('counter') === '') throw new ImportError('bad_counter', {}, 'HOTP needs a counter');
    counter = parseCounter(field('counter'));
    params = { type: 'hotp', algorithm, digits };
  } else {
    if (!['', '0'].includes(field('counter'))) throw new ImportError('bad_counter', {}, 'TOTP counter must be empty or 0');
    params = { type: 'totp', algorithm, digits, stepSeconds: parseStep(orNull(field('step'))) };
  }
  const secretText = field('secret');
  const decoded = encoding === 'hex' ? decodeHex(secretText) : decodeBase32(secretText);
  if (secretText !== '' && decoded === null) throw new ImportError('bad_secret', {}, `not ${encoding}`);
  return {
    serial,
    params,
    secret: checkSecret(secretText === '' ? null : decoded),
    counter,
    expiresAtMs: field('expiry') === '' ? null : parseDateTime(field('expiry')),
    model: parseDeviceText(orNull(field('model'))),
    manufacturer: null,
  };
}
