import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from './csv.ts';
import { CSV_HEADER_BASE32, CSV_HEADER_HEX } from './csv-row.ts';
import { chunks, collect, failure, fixture, RFC_SECRET } from './test-support.ts';

describe('parseCsv with good files', () => {
  it('reads every column of the hex example, skipping the blank line', async () => {
    const keys = await collect(parseCsv(fixture('csv/good-hex.csv', 17)));
    assert.deepEqual(keys.map((k) => [k.serial, k.params, k.counter, k.secret.length, k.model]), [
      ['40000000000001', { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, 0n, 20, 'hw1'],
      ['40000000000002', { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 60 }, 0n, 20, 'hw2'],
      ['40000000000003', { type: 'totp', algorithm: 'SHA256', digits: 8, stepSeconds: 30 }, 0n, 32, 'hw3'],
      ['40000000000004', { type: 'hotp', algorithm: 'SHA1', digits: 6 }, 0n, 20, null],
      ['40000000000005', { type: 'hotp', algorithm: 'SHA512', digits: 8 }, 42n, 64, 'sw'],
    ]);
    assert.deepEqual(keys[0]?.secret, RFC_SECRET);
    assert.equal(keys[1]?.expiresAtMs, Date.parse('2030-12-31T14:59:59Z'));
    assert.equal(keys[0]?.manufacturer, null);
  });

  it('reads base32 secrets in either case, CRLF line ends and case-insensitive type and hash', async () => {
    const keys = await collect(parseCsv(fixture('csv/good-base32.csv', 9)));
    assert.deepEqual(keys[0]?.secret, RFC_SECRET);
    assert.deepEqual(keys[1]?.secret, Buffer.from('12345678901234567890123456789012'));
    assert.deepEqual(keys[1]?.params, { type: 'totp', algorithm: 'SHA256', digits: 8, stepSeconds: 30 });
  });

  it('publishes the two accepted header lines', () => {
    assert.equal(CSV_HEADER_HEX, 'serial,type,algorithm,digits,step,counter,secret_hex,expiry,model');
    assert.equal(CSV_HEADER_BASE32, 'serial,type,algorithm,digits,step,counter,secret_base32,expiry,model');
  });
});

describe('parseCsv with bad files', () => {
  const table = [
    ['bad-header.csv', 'bad_csv', 1],
    ['bad-field-count.csv', 'bad_csv', 3],
    ['duplicate-serial.csv', 'duplicate_serial', 4],
    ['short-secret.csv', 'secret_too_short', 2],
    ['bad-digits.csv', 'bad_digits', 2],
    ['bad-step.csv', 'bad_step', 2],
    ['bad-counter.csv', 'bad_counter', 2],
    ['bad-secret.csv', 'bad_secret', 2],
    ['quoted.csv', 'bad_csv', 2],
    ['unknown-type.csv', 'unknown_algorithm', 2],
    ['bad-expiry.csv', 'bad_date', 2],
    ['bad-serial.csv', 'bad_serial', 2],
  ] as const;
  for (const [file, code, line] of table) {
    it(`refuses ${file} with ${code} on line ${line}`, async () => {
      const error = await failure(parseCsv(fixture(`csv/${file}`)));
      assert.deepEqual([error.code, error.position.line], [code, line]);
    });
  }

  const row = (fields: string): string => `${CSV_HEADER_HEX}\n${fields}\n`;
  const inline = [
    ['an empty file', '', 'bad_csv'],
    ['a HOTP row with a time step', row('1,hotp,SHA1,6,30,0,3132333435363738393031323334353637383930,,'), 'bad_step'],
    ['a HOTP row without a counter', row('1,hotp,SHA1,6,,,3132333435363738393031323334353637383930,,'), 'bad_counter'],
    ['a TOTP row with a counter', row('1,totp,SHA1,6,30,7,3132333435363738393031323334353637383930,,'), 'bad_counter'],
    ['a row without a secret', row('1,totp,SHA1,6,30,,,,'), 'secret_missing'],
    ['a row without a serial', row(',totp,SHA1,6,30,,3132333435363738393031323334353637383930,,'), 'serial_missing'],
    ['a line longer than 4096 characters', row(`1,totp,SHA1,6,30,,${'31'.repeat(2100)},,`), 'bad_csv'],
  ] as const;
  for (const [what, text, code] of inline) {
    it(`refuses ${what} with ${code}`, async () => {
      assert.equal((await failure(parseCsv(chunks(text, 64)))).code, code);
    });
  }

  it('reports the serial of the refused row when it is readable', async () => {
    const error = await failure(parseCsv(fixture('csv/duplicate-serial.csv')));
    assert.equal(error.position.serial, '40000000000001');
  });
});
