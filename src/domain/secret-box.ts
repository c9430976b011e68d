// Token secrets at rest: AES-256-GCM (authenticated), the AAD binding each ciphertext to its serial so that
// swapping two tokens' blobs makes both fail closed (RFC 4226 §7.5, ASVS 4.0.3 6.4.1). Each blob names the
// key that sealed it, so keys can be rotated: the keyring opens with any of its keys, seals with the current.

import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { SealedSecret } from './token.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Keyring {
  readonly currentKeyId: string;
  seal(serial: string, secret: Uint8Array): SealedSecret;
  /** Throws when the blob was not sealed for this serial or was altered: a broken assumption, fail closed. */
  open(serial: string, sealed: SealedSecret): Buffer;
}

export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update('bizotp master key id\0').update(key).digest('hex').slice(0, 16);
}

function aadFor(serial: string): Buffer {
  return Buffer.from(`bizotp token secret v1\0${serial}`, 'utf8');
}

/** `current` seals; `previous` keys still open blobs sealed before a rotation. Keys are 32 bytes. */
export function createKeyring(current: Uint8Array, previous: readonly Uint8Array[] = []): Keyring {
  // KeyObjects, made once: building the cipher from a raw key on every call was a tenth of a verification.
  const keys = new Map<string, KeyObject>();
  for (const key of [current, ...previous]) {
    if (key.length !== 32) throw new TypeError('a master key must be 32 bytes');
    keys.set(keyIdOf(key), createSecretKey(key));
  }
  const currentKeyId = keyIdOf(current);
  const currentKey = keys.get(currentKeyId)!;
  return {
    currentKeyId,
    seal(serial, secret) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadFor(serial));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return { keyId: currentKeyId, blob: Buffer.concat([iv, body, cipher.getAuthTag()]) };
    },
    open(serial, sealed) {
      const key = keys.get(sealed.keyId);
      if (key === undefined) throw new Error(`no master key with id ${sealed.keyId} is configured`);
      const blob = Buffer.from(sealed.blob);
      if (blob.length < IV_BYTES + TAG_BYTES + 1) throw new Error('sealed secret is too short');
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(aadFor(serial));
      decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
      return Buffer.concat([decipher.update(blob.subarray(IV_BYTES, blob.length - TAG_BYTES)), decipher.final()]);
    },
  };
}
