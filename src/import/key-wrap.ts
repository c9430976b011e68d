// Symmetric key wrap (XML Encryption §5.6): AES key wrap (RFC 3394) and its padded form (RFC 5649) and
// the CMS Triple DES key wrap (RFC 3217) come from OpenSSL; Camellia key wrap (RFC 3657) is RFC 3394's
// algorithm over Camellia, which OpenSSL does not offer, so it is written out here over Camellia-ECB.
// Every unwrap checks the algorithm's own integrity value and returns null when it does not match.
import { createDecipheriv, type KeyObject } from 'node:crypto';

/** RFC 3394 §2.2.3.1: the default initial value. */
const RFC3394_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
/** RFC 5649 §3: the alternative initial value's constant half (the other half is the length). */
const RFC5649_IV = Buffer.from('a65959a6', 'hex');

/** One of OpenSSL's wrap ciphers; null when the integrity check fails or the length is impossible. */
export function opensslUnwrap(nodeName: string, key: KeyObject, iv: Buffer | null, wrapped: Buffer): Buffer | null {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return null;
  try {
    const decipher = createDecipheriv(nodeName, key, iv ?? Buffer.alloc(0));
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * XML Encryption kw-aes128/192/256: RFC 3394. A 20-byte HOTP secret cannot be wrapped by RFC 3394 (it
 * needs whole 8-byte blocks), so exporters wrap it with RFC 5649 under the same identifier; its own
 * initial value tells the two apart, and both are integrity-checked.
 */
export function aesUnwrap(keyLength: 16 | 24 | 32, key: KeyObject, wrapped: Buffer): Buffer | null {
  const bits = keyLength * 8;
  return opensslUnwrap(`id-aes${bits}-wrap`, key, RFC3394_IV, wrapped)
    ?? opensslUnwrap(`id-aes${bits}-wrap-pad`, key, RFC5649_IV, wrapped);
}

/** XML Encryption 1.1 kw-aes-128-pad etc.: RFC 5649 only. */
export function aesUnwrapPadded(keyLength: 16 | 24 | 32, key: KeyObject, wrapped: Buffer): Buffer | null {
  return opensslUnwrap(`id-aes${keyLength * 8}-wrap-pad`, key, RFC5649_IV, wrapped);
}

/** XML Encryption kw-tripledes: RFC 3217 (SHA-1 checksum, random IV, two CBC passes). */
export function tripleDesUnwrap(key: KeyObject, wrapped: Buffer): Buffer | null {
  return opensslUnwrap('des3-wrap', key, null, wrapped);
}

/** RFC 3657 §2 (RFC 3394 §2.2.2 "index based" unwrap, with Camellia as the block cipher). */
export function camelliaUnwrap(keyLength: 16 | 24 | 32, key: KeyObject, wrapped: Buffer): Buffer | null {
  const n = wrapped.length / 8 - 1;
  if (!Number.isInteger(n) || n < 2) return null;
  const decipher = createDecipheriv(`camellia-${keyLength * 8}-ecb`, key, null);
  decipher.setAutoPadding(false);
  let a = Buffer.from(wrapped.subarray(0, 8));
  const r = Array.from({ length: n }, (_, i) => Buffer.from(wrapped.subarray(8 * (i + 1), 8 * (i + 2))));
  for (let j = 5; j >= 0; j--) {
    for (let i = n; i >= 1; i--) {
      const t = BigInt(n * j + i);
      const aXorT = Buffer.from(a);
      aXorT.writeBigUInt64BE(aXorT.readBigUInt64BE(0) ^ t);
      const b = decipher.update(Buffer.concat([aXorT, r[i - 1] as Buffer]));
      a = Buffer.from(b.subarray(0, 8));
      r[i - 1] = Buffer.from(b.subarray(8, 16));
    }
  }
  decipher.final();
  return a.equals(RFC3394_IV) ? Buffer.concat(r) : null;
}
