// Soft token protocol v1, the server's half of the key agreement (SOFT-TOKEN-SPEC: the app does the same with
// WebCrypto). Both sides make ephemeral ECDH P-256 pairs and derive the token secret with HKDF-SHA-256, so the
// secret never travels (RFC 6063 §3's key agreement without its long-term key: forward secrecy); the server
// proves it derived the same secret with an HMAC over the serial and the activation id.

import { createHmac, hkdfSync } from 'node:crypto';
import type { OtpParams } from '../token.ts';

/** What the app's token computes: RFC 6238 TOTP with SHA-256, 6 digits, 30 s. */
export const APP_TOKEN_PARAMS = { type: 'totp', algorithm: 'SHA256', digits: 6, stepSeconds: 30 } as const satisfies OtpParams;
/** RFC 6287 suite the app signs transactions with, under the same key. */
export const APP_OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QN20-T1M';
/** The raw uncompressed P-256 point: 0x04 ‖ x (32) ‖ y (32). */
export const P256_RAW_POINT_BYTES = 65;
export const SECRET_BYTES = 32;
export const ACTIVATION_ID_BYTES = 16;

const INFO_LABEL = 'bizotp-soft-token/1';
const CONFIRM_LABEL = 'bizotp-server-confirm/1';
const ZERO = Buffer.of(0);

export interface KeyAgreement {
  /** The ECDH shared secret (32 bytes, the x coordinate). */
  readonly sharedSecret: Uint8Array;
  readonly activationId: Uint8Array;
  readonly serial: string;
  readonly clientPublicKey: Uint8Array;
  readonly serverPublicKey: Uint8Array;
}

/** info = "bizotp-soft-token/1" ‖ 0x00 ‖ serial ‖ 0x00 ‖ client point ‖ server point ‖ OCRA suite. */
export function hkdfInfo(a: Pick<KeyAgreement, 'serial' | 'clientPublicKey' | 'serverPublicKey'>): Buffer {
  return Buffer.concat([
    Buffer.from(INFO_LABEL, 'utf8'), ZERO, Buffer.from(a.serial, 'utf8'), ZERO,
    a.clientPublicKey, a.serverPublicKey, Buffer.from(APP_OCRA_SUITE, 'utf8'),
  ]);
}

/** secret = HKDF-SHA-256(ikm = shared secret, salt = activation id, info, 32 bytes) (RFC 5869). */
export function deriveTokenSecret(a: KeyAgreement): Buffer {
  return Buffer.from(hkdfSync('sha256', a.sharedSecret, a.activationId, hkdfInfo(a), SECRET_BYTES));
}

/** HMAC-SHA-256(secret, "bizotp-server-confirm/1" ‖ 0x00 ‖ serial ‖ 0x00 ‖ activation id). */
export function confirmationMac(secret: Uint8Array, serial: string, activationId: Uint8Array): Buffer {
  return createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(CONFIRM_LABEL, 'utf8'), ZERO, Buffer.from(serial, 'utf8'), ZERO, activationId]))
    .digest();
}
