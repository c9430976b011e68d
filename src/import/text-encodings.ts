// Strict decoders for secrets written as text. Buffer.from(text, 'base64') silently skips bad characters,
// so a damaged secret would import as a different key; these return null instead.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** XML Schema base64Binary (whitespace allowed between characters, as in RFC 6030's figures). */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

export function decodeHex(text: string): Buffer | null {
  return HEX.test(text) ? Buffer.from(text, 'hex') : null;
}

/** RFC 4648 §6 base32, case-insensitive, '=' padding optional, no spaces. */
export function decodeBase32(text: string): Buffer | null {
  const body = text.toUpperCase().replace(/=+$/, '');
  if ([1, 3, 6].includes(body.length % 8)) return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of body) {
    const index = BASE32_ALPHABET.indexOf(ch);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  // Leftover bits must be zero, or two spellings would decode to the same secret.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(out);
}
