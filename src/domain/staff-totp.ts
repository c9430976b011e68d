// The staff members' own second factor: a TOTP secret (RFC 6238, SHA1, 6 digits, 30 s — what every
// authenticator app supports) enrolled through an otpauth:// URI (Google Authenticator's Key URI Format).

import type { Keyring } from './secret-box.ts';
import type { SealedSecret } from './token.ts';
import { hmacKey } from '../otp/hmac-key.ts';
import { totpStep } from '../otp/totp.ts';
import { verifyInWindow, type WindowResult } from '../otp/verify-window.ts';

export const STAFF_TOTP = { algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const;
/** RFC 4226 §4 R6 asks at least 128 bits; 160 bits is SHA1's block-friendly size and what apps expect. */
export const STAFF_TOTP_SECRET_BYTES = 20;
/** RFC 6238 §5.2: one step either side of now, for a phone's clock. */
export const STAFF_TOTP_WINDOW_STEPS = 1;
export const STAFF_TOTP_ISSUER = 'しんきん法人IB 職員';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as the Key URI Format asks. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30, percent-encoded. */
export function otpauthUri(staffId: string, secret: Uint8Array): string {
  const label = `${encodeURIComponent(STAFF_TOTP_ISSUER)}:${encodeURIComponent(staffId)}`;
  const query = `secret=${base32(secret)}&issuer=${encodeURIComponent(STAFF_TOTP_ISSUER)}&algorithm=SHA1&digits=6&period=30`;
  return `otpauth://totp/${label}?${query}`;
}

/** The AAD names: a staff member's confirmed secret, and the secret pending in one enrolment session. */
export function staffSecretName(staffId: string): string {
  return `staff:${staffId}`;
}
export function pendingSecretName(sessionIdHash: string): string {
  return `staff-enrolment:${sessionIdHash}`;
}

/** Checks a code against the sealed secret at `nowMs`: accepted with the step to store, or rejected. */
export function checkStaffCode(keyring: Keyring, name: string, sealed: SealedSecret, code: string, nowMs: number, lastStep: bigint | null): WindowResult {
  const key = hmacKey(keyring.open(name, sealed));
  const now = totpStep(nowMs, STAFF_TOTP.stepSeconds);
  const first = now - BigInt(STAFF_TOTP_WINDOW_STEPS);
  return verifyInWindow({ key, algorithm: STAFF_TOTP.algorithm, digits: STAFF_TOTP.digits, code: code.trim(), first: first < 0n ? 0n : first, last: now + BigInt(STAFF_TOTP_WINDOW_STEPS), lastConsumed: lastStep });
}
