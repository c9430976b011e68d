import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TOKEN_EXPIRY_WARNING_DAYS } from './policy.ts';
import { japaneseDate, tokenExpiry } from './token-expiry.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 2031-03-09 00:00 in Japan. */
const EXPIRES = Date.UTC(2031, 2, 8, 15, 0, 0);

describe('token expiry on the administrator’s screens', () => {
  test('a token without an expiry, or further than the warning period from it, is simply valid', () => {
    assert.deepEqual(tokenExpiry(null, EXPIRES), { kind: 'valid' });
    assert.deepEqual(tokenExpiry(EXPIRES, EXPIRES - TOKEN_EXPIRY_WARNING_DAYS * DAY_MS - 1), { kind: 'valid' });
  });

  test('exactly 60 days before its expiry and after, until the instant before it, the token is expiring', () => {
    assert.equal(TOKEN_EXPIRY_WARNING_DAYS, 60);
    assert.equal(tokenExpiry(EXPIRES, EXPIRES - 60 * DAY_MS).kind, 'expiring');
    assert.equal(tokenExpiry(EXPIRES, EXPIRES - 1).kind, 'expiring');
  });

  test('from the instant of its expiry the token is expired', () => {
    assert.deepEqual(tokenExpiry(EXPIRES, EXPIRES), { kind: 'expired', expiresAtMs: EXPIRES });
    assert.equal(tokenExpiry(EXPIRES, EXPIRES + 365 * DAY_MS).kind, 'expired');
  });

  test('the date is written YYYY年M月D日 in Japan time, whatever the server’s zone', () => {
    assert.equal(japaneseDate(EXPIRES), '2031年3月9日');
    assert.equal(japaneseDate(EXPIRES - 1), '2031年3月8日');
  });
});
