// RFC 4226 §5.3 dynamic truncation, shared by HOTP/TOTP (6–8 digits) and OCRA (RFC 6287 §5.2: 4–10 digits).

/** RFC 4226 §5.3: the low 4 bits of the last byte pick an offset; 4 bytes from there, top bit masked, as an integer. */
export function dynamicTruncate(mac: Uint8Array): number {
  const last = mac[mac.length - 1];
  if (mac.length < 20 || last === undefined) throw new RangeError('an HMAC value has at least 20 bytes');
  const offset = last & 0x0f;
  // RFC 4226 §5.3: mask the most significant bit so the result is the same on signed and unsigned platforms.
  // A DataView keeps this free of JavaScript's signed 32-bit `<<`.
  const view = new DataView(mac.buffer, mac.byteOffset, mac.byteLength);
  return view.getUint32(offset) & 0x7fffffff;
}

/**
 * The truncated value modulo 10^digits as a string with leading zeros. Why a string: "005924" (RFC 6238 App. B)
 * loses its zeros as a number.
 */
export function truncateToDigits(mac: Uint8Array, digits: number): string {
  return (dynamicTruncate(mac) % 10 ** digits).toString().padStart(digits, '0');
}
