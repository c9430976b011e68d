// RSA key transport (RFC 6030 §6.3, XML Encryption §5.4): the value is encrypted to the bank's RSA key with
// RSAES-PKCS1-v1_5 or RSAES-OAEP. The padding is removed here (RFC 8017 §7.1.2 and §7.2.2) after a raw
// RSA operation, because Node refuses PKCS #1 v1.5 decryption and ties OAEP's MGF1 hash to its digest,
// while XML Encryption 1.1 lets a file choose them separately.
import { constants, createHash, privateDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';

export type RsaScheme = 'pkcs1' | 'oaep-mgf1p' | 'oaep';

export interface OaepChoice {
  /** Node hash names. */
  readonly digest: string;
  readonly mgfDigest: string;
  readonly label: Buffer;
}

/** The raw RSA result, k bytes; null when the ciphertext is not a number below the modulus. */
function rawDecrypt(privateKey: KeyObject, ciphertext: Buffer): Buffer | null {
  const k = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  // Some encoders drop leading zero bytes of the integer; I2OSP (RFC 8017 §4.1) puts them back.
  if (k === 0 || ciphertext.length > k) return null;
  const c = ciphertext.length === k ? ciphertext : Buffer.concat([Buffer.alloc(k - ciphertext.length), ciphertext]);
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, c);
  } catch {
    return null;
  }
}

/** RFC 8017 §7.2.2 step 3: EM = 0x00 ‖ 0x02 ‖ PS (at least 8 non-zero bytes) ‖ 0x00 ‖ M. */
export function rsaPkcs1Decrypt(privateKey: KeyObject, ciphertext: Buffer): Buffer | null {
  const em = rawDecrypt(privateKey, ciphertext);
  if (em === null || em[0] !== 0 || em[1] !== 2) return null;
  const separator = em.indexOf(0, 2);
  if (separator < 10) return null;
  return em.subarray(separator + 1);
}

/** RFC 8017 §7.1.2 step 3 (EME-OAEP decoding), with the digest and MGF1 hash chosen independently. */
export function rsaOaepDecrypt(privateKey: KeyObject, ciphertext: Buffer, choice: OaepChoice): Buffer | null {
  const em = rawDecrypt(privateKey, ciphertext);
  const hLen = createHash(choice.digest).digest().length;
  if (em === null || em.length < 2 * hLen + 2) return null;
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(choice.mgfDigest, maskedDb, hLen));
  const db = xor(maskedDb, mgf1(choice.mgfDigest, seed, maskedDb.length));
  const lHash = createHash(choice.digest).update(choice.label).digest();
  const labelOk = timingSafeEqual(db.subarray(0, hLen), lHash);
  let index = hLen;
  while (index < db.length && db[index] === 0) index++;
  if (!labelOk || em[0] !== 0 || db[index] !== 1) return null;
  return db.subarray(index + 1);
}

/** RFC 8017 B.2.1. */
function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0, have = 0; have < length; i++) {
    counter.writeUInt32BE(i);
    const block = createHash(hash).update(seed).update(counter).digest();
    blocks.push(block);
    have += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}
