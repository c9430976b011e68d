// The audit log's keys, derived from the master key material (HKDF-SHA-256, RFC 5869) so they live where
// the master key lives, outside the database: a database writer without them can neither recompute an
// entry's HMAC nor sign a checkpoint (ASVS 4.0.3 7.3.3). Each master key gives one audit key and one
// checkpoint signing key under its own key id (secret-box.ts keyIdOf), so entries and checkpoints made
// before a rotation still verify while the old key is kept in BIZOTP_PREVIOUS_MASTER_KEYS.

import { createHmac, createPrivateKey, createPublicKey, createSecretKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { keyIdOf } from './secret-box.ts';

const HMAC_INFO = 'bizotp audit v1';
const SIGNING_INFO = 'bizotp audit checkpoint ed25519 v1';
/** RFC 8410: the PKCS #8 wrapping of a raw 32-byte Ed25519 private key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditKeys {
  /** The id of the master key that seals new entries and signs new checkpoints. */
  readonly currentKeyId: string;
  /** HMAC-SHA-256 of `data` (a string as UTF-8) under the audit key of `keyId`; undefined when no such key is configured. */
  mac(keyId: string, data: Buffer | string): Buffer | undefined;
  /** Ed25519 signature under the current key's checkpoint signing key. */
  sign(data: Buffer): Buffer;
  /** The checkpoint public key (SPKI PEM, what `openssl pkeyutl -verify -pubin` takes) of `keyId`, if configured. */
  publicKeyPem(keyId: string): string | undefined;
  /** True when `signature` is `keyId`'s Ed25519 signature of `data`; false for an unknown key. */
  verify(keyId: string, data: Buffer, signature: Buffer): boolean;
}

function derive(master: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

interface KeySet {
  /** A KeyObject, not a Buffer: createHmac with a Buffer key builds a KeyObject on every call (~25 µs here). */
  readonly hmacKey: KeyObject;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicPem: string;
}

function keySetOf(master: Uint8Array): KeySet {
  if (master.length !== 32) throw new TypeError('a master key must be 32 bytes');
  const seed = derive(master, SIGNING_INFO);
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { hmacKey: createSecretKey(derive(master, HMAC_INFO)), privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** `current` seals and signs; `previous` master keys still verify what they sealed and signed. */
export function deriveAuditKeys(current: Uint8Array, previous: readonly Uint8Array[] = []): AuditKeys {
  const sets = new Map<string, KeySet>();
  for (const master of [current, ...previous]) sets.set(keyIdOf(master), keySetOf(master));
  const currentKeyId = keyIdOf(current);
  const currentSet = sets.get(currentKeyId)!;
  return {
    currentKeyId,
    mac(keyId, data) {
      const set = sets.get(keyId);
      return set === undefined ? undefined : createHmac('sha256', set.hmacKey).update(data).digest();
    },
    sign(data) {
      return sign(null, data, currentSet.privateKey);
    },
    publicKeyPem(keyId) {
      return sets.get(keyId)?.publicPem;
    },
    verify(keyId, data, signature) {
      const set = sets.get(keyId);
      return set !== undefined && verify(null, data, set.publicKey, signature);
    },
  };
}
