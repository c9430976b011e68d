// The otpauth:// key URI of a bank-issued software token (Google Authenticator's Key URI Format): TOTP,
// SHA1, 6 digits, 30 s — what Google and Microsoft Authenticator honour (they ignore other algorithms).
// The label is `<issuer>:<ご契約先ID>-<シリアル番号>` so the app shows the serial the administrator types on
// ワンタイムパスワード利用登録; the issuer is repeated as a parameter, as the format recommends.

import { base32 } from '../staff-totp.ts';
import type { OtpParams } from '../token.ts';

/** Used when BIZOTP_BANK_NAME is not set. */
export const DEFAULT_BANK_NAME = 'しんきん法人IB';

export const OTPAUTH_PARAMS = { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const satisfies OtpParams;
/** RFC 4226 §4 R6 asks at least 128 bits; 160 bits is SHA1's output size and what the apps expect. */
export const OTPAUTH_SECRET_BYTES = 20;

export interface OtpauthLabel {
  readonly issuer: string;
  readonly contractId: string;
  readonly serial: string;
}

export function otpauthTokenUri(label: OtpauthLabel, secret: Uint8Array): string {
  const issuer = encodeURIComponent(label.issuer);
  const account = encodeURIComponent(`${label.contractId}-${label.serial}`);
  const p = OTPAUTH_PARAMS;
  return `otpauth://totp/${issuer}:${account}?secret=${base32(secret)}&issuer=${issuer}&algorithm=${p.algorithm}&digits=${p.digits}&period=${p.stepSeconds}`;
}
