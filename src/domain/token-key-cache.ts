// A token's HMAC key (a KeyObject, with the SHA-1 pad state src/otp/hmac-sha1.ts keeps for it) built once per
// token rather than once per code checked: opening the sealed secret (AES-256-GCM), wrapping it as a
// KeyObject and hashing its two pad blocks were together a tenth of a verification's CPU.
//
// Why this does not change the threat model (security.md, Secrets; RFC 4226 §7.5): the secrets stay sealed at
// rest, and the cache lives only in this process's memory, where the master key that opens EVERY sealed
// secret already lives for the process's whole life; whoever can read this memory can open them all anyway.
// Each verification already held the opened secret in this memory; the cache holds it for longer, never
// anywhere else (not the database, not logs, not another process).
//
// An entry is used only for the exact sealed value it was opened from: same serial, same key id, same blob
// bytes. A secret resealed, rewrapped under a new master key or replaced (a new token under an old serial)
// has another blob (a fresh random IV at every seal), so it misses and is opened afresh; a blob swapped in
// from another token is opened against this serial's AAD and fails closed as before (secret-box.ts). Only a
// blob that opened successfully is cached. The bound keeps memory fixed however many tokens are used.

import type { KeyObject } from 'node:crypto';
import { hmacKey } from '../otp/hotp.ts';
import type { Keyring } from './secret-box.ts';
import type { SealedSecret } from './token.ts';

/** At most this many tokens' keys per keyring (least recently used go first): a few tens of MiB at most. */
export const MAX_CACHED_TOKEN_KEYS = 100_000;

interface Entry {
  readonly keyId: string;
  readonly blob: Buffer;
  readonly key: KeyObject;
}

// Per keyring: a keyring that lacks a key never gets a KeyObject another keyring opened.
const caches = new WeakMap<Keyring, Map<string, Entry>>();

/** The HMAC key of `serial`'s sealed secret, opened with `keyring` (throws as keyring.open does). */
export function tokenHmacKey(keyring: Keyring, serial: string, sealed: SealedSecret, maxEntries = MAX_CACHED_TOKEN_KEYS): KeyObject {
  let cache = caches.get(keyring);
  if (cache === undefined) {
    cache = new Map();
    caches.set(keyring, cache);
  }
  const hit = cache.get(serial);
  if (hit !== undefined && hit.keyId === sealed.keyId && hit.blob.equals(sealed.blob)) {
    // A Map iterates in insertion order: moving the entry to the end makes the first one the least recent.
    cache.delete(serial);
    cache.set(serial, hit);
    return hit.key;
  }
  const key = hmacKey(keyring.open(serial, sealed));
  cache.delete(serial);
  if (cache.size >= maxEntries) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  // A copy: the caller's bytes may be a view into a buffer it reuses.
  cache.set(serial, { keyId: sealed.keyId, blob: Buffer.from(sealed.blob), key });
  return key;
}
