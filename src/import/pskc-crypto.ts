// Block-cipher CBC and HMAC as RFC 6030 §6.1 uses them: the IV is the first block of the CipherValue and
// the ValueMAC is an HMAC over IV ‖ ciphertext (RFC 6030 §6.1.1), keyed with the decrypted MACKey.
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

export interface CipherSpec {
  readonly nodeName: string;
  readonly keyLength: 16 | 24 | 32;
  /** 16 for AES and Camellia, 8 for Triple DES: the IV is one block. */
  readonly blockBytes?: 8 | 16;
}

/**
 * CBC ciphers accepted in EncryptionMethod/@Algorithm: XML Encryption §5.2 (AES, Triple DES) and
 * RFC 4051 §2.3.5 (Camellia). RFC 6030 §6.1 spells Camellia without "-cbc"; both spellings are taken.
 */
export const CIPHERS: Readonly<Record<string, CipherSpec>> = {
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': { nodeName: 'aes-128-cbc', keyLength: 16 },
  'http://www.w3.org/2001/04/xmlenc#aes192-cbc': { nodeName: 'aes-192-cbc', keyLength: 24 },
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': { nodeName: 'aes-256-cbc', keyLength: 32 },
  'http://www.w3.org/2001/04/xmlenc#tripledes-cbc': { nodeName: 'des-ede3-cbc', keyLength: 24, blockBytes: 8 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia128-cbc': { nodeName: 'camellia-128-cbc', keyLength: 16 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia192-cbc': { nodeName: 'camellia-192-cbc', keyLength: 24 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia256-cbc': { nodeName: 'camellia-256-cbc', keyLength: 32 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia128': { nodeName: 'camellia-128-cbc', keyLength: 16 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia192': { nodeName: 'camellia-192-cbc', keyLength: 24 },
  'http://www.w3.org/2001/04/xmldsig-more#camellia256': { nodeName: 'camellia-256-cbc', keyLength: 32 },
};

/** MACMethod/@Algorithm (RFC 6030 §6.1.1 names hmac-sha1; RFC 4051 / RFC 6931 give the others). */
export const MAC_HASHES: Readonly<Record<string, 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'>> = {
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha224': 'sha224',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha384': 'sha384',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha512': 'sha512',
};

/**
 * Decrypts IV ‖ ciphertext; null when the length or the padding is wrong. XML Encryption padding only
 * fixes the last byte (the pad length), so the other pad bytes are not checked. Call after the MAC check:
 * the MAC, not the padding, is what proves the key and the data.
 */
export function cbcDecrypt(spec: CipherSpec, key: KeyObject, ivAndCiphertext: Buffer): Buffer | null {
  const block = spec.blockBytes ?? 16;
  if (ivAndCiphertext.length < 2 * block || ivAndCiphertext.length % block !== 0) return null;
  const decipher = createDecipheriv(spec.nodeName, key, ivAndCiphertext.subarray(0, block));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ivAndCiphertext.subarray(block)), decipher.final()]);
  const padLength = padded[padded.length - 1] ?? 0;
  if (padLength < 1 || padLength > block) return null;
  return padded.subarray(0, padded.length - padLength);
}

/** IV ‖ AES-CBC(plaintext) with PKCS #7 padding, for generated test files. */
export function cbcEncrypt(spec: CipherSpec, key: KeyObject, iv: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv(spec.nodeName, key, iv);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final()]);
}

export function valueMac(hash: string, macKey: KeyObject, ivAndCiphertext: Buffer): Buffer {
  return createHmac(hash, macKey).update(ivAndCiphertext).digest();
}

/** Constant-time comparison of the computed MAC with the file's ValueMAC. */
export function macMatches(hash: string, macKey: KeyObject, ivAndCiphertext: Buffer, expected: Buffer): boolean {
  const actual = valueMac(hash, macKey, ivAndCiphertext);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
