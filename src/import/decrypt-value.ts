// Opens one CipherValue with the algorithm its EncryptionMethod names. Keys are asked for only when
// needed, so a file refuses for the key it lacks (pre-shared key, passphrase or RSA private key).
import { createDecipheriv, type KeyObject } from 'node:crypto';
import { aesUnwrap, aesUnwrapPadded, camelliaUnwrap, tripleDesUnwrap } from './key-wrap.ts';
import { oaepChoice, type EncryptionAlgorithm, type EncryptionMethodDraft } from './pskc-algorithms.ts';
import { cbcDecrypt } from './pskc-crypto.ts';
import { rsaOaepDecrypt, rsaPkcs1Decrypt } from './rsa-transport.ts';

export interface KeySource {
  /** The container's symmetric key (pre-shared or PBKDF2), checked against the algorithm's key length. */
  symmetric(keyLength: 16 | 24 | 32): KeyObject;
  /** RFC 6030 §6.3: the private key of the certificate the file was encrypted to. */
  privateKey(): KeyObject;
}

/** The plaintext; null when the data fails the algorithm's own integrity check, length or padding. */
export function decryptValue(algorithm: EncryptionAlgorithm, method: EncryptionMethodDraft, keys: KeySource, data: Buffer): Buffer | null {
  switch (algorithm.kind) {
    case 'cbc': return cbcDecrypt(algorithm.spec, keys.symmetric(algorithm.keyLength), data);
    case 'gcm': return gcmDecrypt(algorithm.keyLength, keys.symmetric(algorithm.keyLength), data);
    case 'kw-aes': return aesUnwrap(algorithm.keyLength, keys.symmetric(algorithm.keyLength), data);
    case 'kw-aes-pad': return aesUnwrapPadded(algorithm.keyLength, keys.symmetric(algorithm.keyLength), data);
    case 'kw-tripledes': return tripleDesUnwrap(keys.symmetric(24), data);
    case 'kw-camellia': return camelliaUnwrap(algorithm.keyLength, keys.symmetric(algorithm.keyLength), data);
    case 'rsa': {
      if (algorithm.scheme === 'pkcs1') return rsaPkcs1Decrypt(keys.privateKey(), data);
      const choice = oaepChoice(algorithm.scheme, method);
      return rsaOaepDecrypt(keys.privateKey(), data, choice);
    }
  }
}

/** XML Encryption 1.1 §5.2.4: IV (96 bits) ‖ ciphertext ‖ authentication tag (128 bits). */
function gcmDecrypt(keyLength: 16 | 24 | 32, key: KeyObject, data: Buffer): Buffer | null {
  if (data.length < 12 + 16) return null;
  try {
    const name = keyLength === 16 ? 'aes-128-gcm' : keyLength === 24 ? 'aes-192-gcm' : 'aes-256-gcm';
    const decipher = createDecipheriv(name, key, data.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
