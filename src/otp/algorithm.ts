// The HMAC hash functions an OTP may use: RFC 4226 defines HOTP over HMAC-SHA-1, RFC 6238 §1.2 allows
// HMAC-SHA-256 and HMAC-SHA-512 for TOTP, and RFC 6287 §5.2 names the same three for OCRA.

export const HMAC_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];

const NODE_NAMES = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const satisfies Record<HmacAlgorithm, string>;

/** node:crypto's name for `algorithm`; a TypeError for anything else (a broken configuration, not user input). */
export function nodeHashName(algorithm: HmacAlgorithm): string {
  if (!(HMAC_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
    throw new TypeError(`unsupported HMAC algorithm: ${String(algorithm)}`);
  }
  return NODE_NAMES[algorithm];
}
