// Turns the header and the operator's key material into the keys that open a file's EncryptedValues,
// and opens them: every encrypted value is MAC-checked (RFC 6030 §6.1.1) before it is decrypted.
import { createSecretKey, pbkdf2Sync, type KeyObject } from 'node:crypto';
import type { ContainerHeader } from './container-header.ts';
import { decryptValue, type KeySource } from './decrypt-value.ts';
import { ImportError } from './import-error.ts';
import { encryptionAlgorithm, type EncryptionAlgorithm, type EncryptionMethodDraft } from './pskc-algorithms.ts';
import { MAC_HASHES, macMatches } from './pskc-crypto.ts';
import { matchesCertificate } from './private-key-check.ts';
import { decodeBase64 } from './text-encodings.ts';

export interface DecryptionOptions {
  /** RFC 6030 §6.1: the key named by EncryptionKey/ds:KeyName (16 bytes for AES-128). */
  readonly preSharedKey?: Buffer;
  /** RFC 6030 §6.2: the passphrase for the PBKDF2-derived key. */
  readonly passphrase?: string;
  /** RFC 6030 §6.3: the bank's RSA private key, for values encrypted to its certificate. */
  readonly privateKey?: KeyObject;
}

/** One value of KeyPackage/Key/Data (Secret, Counter, …) as read: plain, or encrypted with its MAC. */
export interface ValueDraft {
  plain: string | null;
  encrypted: boolean;
  method: EncryptionMethodDraft;
  cipher: string | null;
  mac: string | null;
}

const MAX_ITERATIONS = 10_000_000; // a hostile file must not keep the importer busy for hours
const PRF_HASHES: Readonly<Record<string, string>> = {
  '': 'sha1', // RFC 8018 A.2: the default PRF is HMAC-SHA-1
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha512': 'sha512',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha224': 'sha224',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha384': 'sha384',
};

export class ContainerKeys {
  readonly #header: ContainerHeader;
  readonly #options: DecryptionOptions;
  readonly #keySource: KeySource;
  #encryptionKey: KeyObject | null = null;
  #macKey: KeyObject | null = null;
  #privateKeyChecked = false;

  constructor(header: ContainerHeader, options: DecryptionOptions) {
    this.#header = header;
    this.#options = options;
    this.#keySource = { symmetric: (length) => this.#keyFor(length), privateKey: () => this.#privateKey() };
  }

  /** The secret bytes of a Data/Secret element; encrypted ones only after their ValueMAC matched. */
  openSecret(value: ValueDraft): Buffer {
    if (!value.encrypted) {
      if (value.plain === null) throw new ImportError('secret_missing');
      // A caller who supplied a key expects an encrypted file; a plaintext secret there is refused.
      if (this.#options.preSharedKey !== undefined || this.#options.passphrase !== undefined || this.#options.privateKey !== undefined) {
        throw new ImportError('plaintext_secret');
      }
      return decodeBase64(value.plain) ?? fail('bad_secret', 'PlainValue is not base64');
    }
    return this.openValue(value);
  }

  /**
   * Any EncryptedValue under Data (Secret, Counter, Time, TimeInterval, TimeDrift). RFC 6030 §6.1.1: CBC
   * has no integrity of its own, so a CBC value needs a ValueMAC, checked before decryption. Key wrap,
   * GCM and RSA-OAEP check their own integrity; a ValueMAC there is checked when the file has one.
   */
  openValue(value: ValueDraft): Buffer {
    const algorithm = encryptionAlgorithm(value.method.algorithm);
    const macRequired = algorithm.kind === 'cbc';
    if (macRequired && !this.#header.hasMacMethod) throw new ImportError('mac_method_missing');
    const data = decodeBase64(value.cipher ?? '') ?? fail('bad_ciphertext', 'CipherValue is not base64');
    if (macRequired || value.mac !== null) this.#checkMac(data, value.mac);
    return decryptValue(algorithm, value.method, this.#keySource, data)
      ?? fail(macRequired ? 'bad_ciphertext' : 'decryption_failed', `${value.method.algorithm ?? ''} does not decrypt`);
  }

  #checkMac(data: Buffer, mac: string | null): void {
    if (!this.#header.hasMacMethod) throw new ImportError('mac_method_missing');
    const hash = MAC_HASHES[this.#header.macAlgorithm ?? ''] ?? fail('unsupported_mac', `MACMethod ${this.#header.macAlgorithm ?? '(none)'}`);
    const macKey = this.#macKeyObject(hash);
    if (mac === null) throw new ImportError('mac_missing');
    const expected = decodeBase64(mac) ?? fail('mac_mismatch', 'ValueMAC is not base64');
    if (!macMatches(hash, macKey, data, expected)) throw new ImportError('mac_mismatch');
  }

  #macKeyObject(hash: string): KeyObject {
    if (this.#macKey !== null) return this.#macKey;
    const method = this.#header.macKeyMethod;
    const algorithm: EncryptionAlgorithm = encryptionAlgorithm(method.algorithm);
    const data = decodeBase64(this.#header.macKeyCipher ?? '') ?? fail('bad_mac_key', 'MACKey CipherValue');
    // A wrong pre-shared key or passphrase shows here first, as a MACKey that does not decrypt.
    const macKey = decryptValue(algorithm, method, this.#keySource, data) ?? fail('mac_mismatch', 'MACKey does not decrypt');
    if (macKey.length < 16) throw new ImportError('bad_mac_key', {}, `${macKey.length}-byte ${hash} key`);
    this.#macKey = createSecretKey(macKey);
    return this.#macKey;
  }

  #keyFor(keyLength: 16 | 24 | 32): KeyObject {
    this.#encryptionKey ??= createSecretKey(this.#rawEncryptionKey(keyLength));
    if (this.#encryptionKey.symmetricKeySize !== keyLength) {
      throw new ImportError('bad_key', {}, `${this.#encryptionKey.symmetricKeySize}-byte key for a ${keyLength}-byte cipher`);
    }
    return this.#encryptionKey;
  }

  #rawEncryptionKey(keyLength: 16 | 24 | 32): Buffer {
    if (this.#header.encryptionKind === 'pbkdf2') {
      const passphrase = this.#options.passphrase ?? fail('key_missing', 'passphrase (PBKDF2)');
      return derivePbkdf2(this.#header, passphrase, keyLength);
    }
    if (this.#header.encryptionKind === 'x509') {
      fail('unsupported_encryption', 'a symmetric EncryptionMethod with an X509Data EncryptionKey');
    }
    // RFC 6030 §6.1: KeyName only names the key; with no EncryptionKey at all a pre-shared key is implied.
    return this.#options.preSharedKey ?? fail('key_missing', 'pre-shared key');
  }

  /** RFC 6030 §6.3: the operator's private key, refused when it is not the key of the file's certificate. */
  #privateKey(): KeyObject {
    const key = this.#options.privateKey ?? fail('key_missing', 'private key (RSA key transport)');
    if (!this.#privateKeyChecked && this.#header.certificate !== null) {
      const der = decodeBase64(this.#header.certificate) ?? fail('bad_key', 'X509Certificate is not base64');
      if (!matchesCertificate(key, der)) throw new ImportError('private_key_mismatch');
    }
    this.#privateKeyChecked = true;
    return key;
  }
}

/** RFC 6030 §6.2 / RFC 8018 §5.2: salt and iteration count are required; key length defaults to the cipher's. */
function derivePbkdf2(header: ContainerHeader, passphrase: string, cipherKeyLength: number): Buffer {
  const { salt, iterations, keyLength, prf } = header.pbkdf2;
  if (header.pbkdf2.derivation === null || salt === null || iterations === null) {
    throw new ImportError('pbkdf2_incomplete');
  }
  const saltBytes = decodeBase64(salt);
  const count = /^\s*\d{1,9}\s*$/.test(iterations) ? Number(iterations) : 0;
  const length = keyLength === null ? cipherKeyLength : /^\s*\d{1,3}\s*$/.test(keyLength) ? Number(keyLength) : 0;
  const hash = PRF_HASHES[prf ?? ''];
  if (saltBytes === null || saltBytes.length === 0) throw new ImportError('bad_pbkdf2', {}, 'salt');
  if (count < 1 || count > MAX_ITERATIONS) throw new ImportError('bad_pbkdf2', {}, 'iteration count');
  if (length !== cipherKeyLength) throw new ImportError('bad_pbkdf2', {}, `key length ${keyLength}`);
  if (hash === undefined) throw new ImportError('bad_pbkdf2', {}, `PRF ${prf}`);
  return pbkdf2Sync(passphrase, saltBytes, count, length, hash);
}

function fail(code: ConstructorParameters<typeof ImportError>[0], detail: string | null): never {
  throw new ImportError(code, {}, detail);
}
