// The JSON schemas of POST /api/v1/otp/verify: the request is validated against exactly the schema the
// OpenAPI document publishes (openapi.ts), with no type coercion, so `"otp": 123456` (a number) is a 400
// and leading zeros can never be lost (security.md: codes are strings).

import { VERIFY_REJECTIONS } from '../../domain/bank-verify.ts';

export const VERIFY_REQUEST_SCHEMA = {
  type: 'object',
  description: 'Other members (e.g. a client timestamp) are ignored: only the server\'s clock decides (ASVS 5.0 6.5.8).',
  required: ['contract', 'login', 'otp'],
  properties: {
    contract: { type: 'string', pattern: '^[0-9]{11}$', description: 'ご契約先ID (11 digits)', examples: ['10000000001'] },
    login: { type: 'string', pattern: '^[A-Za-z0-9]{1,30}$', description: '利用者ID (1–30 ASCII letters and digits)', examples: ['user01'] },
    otp: { type: 'string', pattern: '^[0-9]{6,8}$', description: 'The one-time password as typed: a string of 6–8 digits, leading zeros kept', examples: ['012345'] },
  },
} as const;

export const VERIFY_ACCEPTED_SCHEMA = {
  type: 'object',
  required: ['result', 'serial'],
  properties: {
    result: { const: 'accepted' },
    serial: { type: 'string', description: 'The serial number of the token whose code was accepted (and is now spent)' },
  },
} as const;

export const VERIFY_REJECTED_SCHEMA = {
  type: 'object',
  required: ['result', 'reason'],
  properties: {
    result: { const: 'rejected' },
    reason: {
      enum: [...VERIFY_REJECTIONS],
      description: 'invalid: wrong code (counts toward the lock); replayed: already used; locked: 5 consecutive failures, the administrator\'s 「利用中止解除」 is needed; not_registered: no token applies to this user (unknown contract or user, OTP use not begun, no registration, or an expired or withdrawn token)',
    },
  },
} as const;

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'An error code of bizotp\'s catalog (bad_request, api_key_invalid, page_not_found, server_error)' },
    message: { type: 'string', description: 'The same in Japanese' },
  },
} as const;

export interface VerifyBody {
  readonly contract: string;
  readonly login: string;
  readonly otp: string;
}
