// What a seed-file parser hands to the token import: one token's secret and OTP parameters.
// The parsers only read and validate; sealing the secret and writing the inventory happen elsewhere.
import type { OtpParams } from '../domain/token.ts';

export interface ImportedKey {
  /** DeviceInfo/SerialNo (PSKC) or the `serial` column (CSV): 1–32 ASCII letters and digits. */
  readonly serial: string;
  readonly params: OtpParams;
  /** The decrypted, MAC-checked shared secret; at least 16 bytes (RFC 4226 §4 R6). */
  readonly secret: Buffer;
  /** HOTP: the next counter (RFC 6030 §4.3.4 Counter). TOTP: always 0n. */
  readonly counter: bigint;
  /** The earliest of Policy/ExpiryDate and DeviceInfo/ExpiryDate, in ms since the epoch; null when absent. */
  readonly expiresAtMs: number | null;
  /** DeviceInfo/Model as written in the file (mapping to a TokenModel is the caller's job). */
  readonly model: string | null;
  readonly manufacturer: string | null;
}
