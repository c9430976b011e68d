// The KeyContainer's header: Version, EncryptionKey (RFC 6030 §6.1 pre-shared key name or §6.2 PBKDF2
// parameters) and MACMethod (§6.1.1). Collected from SAX events; this is all the parser keeps besides
// the KeyPackage being read and the serials seen.
import { ImportError } from './import-error.ts';
import { closeMethodChild, newEncryptionMethod, openMethodChild } from './pskc-algorithms.ts';
import { localOf, PBKDF2_ALGORITHMS } from './pskc-names.ts';

export type Attr = (name: string) => string | null;

export interface Pbkdf2Params {
  derivation: string | null;
  salt: string | null;
  iterations: string | null;
  keyLength: string | null;
  prf: string | null;
}

export type EncryptionKeyKind = 'none' | 'pre-shared' | 'pbkdf2' | 'x509';

const KDM = 'EncryptionKey/xenc11:DerivedKey/xenc11:KeyDerivationMethod';
const MAC_KEY_METHOD = 'MACMethod/MACKey/xenc:EncryptionMethod';
const PBKDF2_PARAMS_PATHS = new Set(['PBKDF2-params', 'PBKDF2-params/Salt', 'PBKDF2-params/Salt/Specified',
  'PBKDF2-params/IterationCount', 'PBKDF2-params/KeyLength', 'PBKDF2-params/PRF']);

export class ContainerHeader {
  encryptionKind: EncryptionKeyKind = 'none';
  readonly pbkdf2: Pbkdf2Params = { derivation: null, salt: null, iterations: null, keyLength: null, prf: null };
  hasMacMethod = false;
  macAlgorithm: string | null = null;
  /** The MACKey's EncryptionMethod: its Algorithm and, for RSA-OAEP, its digest, MGF and label. */
  readonly macKeyMethod = newEncryptionMethod();
  macKeyCipher: string | null = null;
  /** RFC 6030 §6.3: the base64 certificate the file's values were encrypted to (EncryptionKey/ds:X509Data). */
  certificate: string | null = null;

  /** RFC 6030 §4: Version MUST be "1.0". */
  openContainer(attr: Attr): void {
    const version = attr('Version');
    if (version !== '1.0') throw new ImportError('bad_version', {}, `Version=${version ?? '(none)'}`);
  }

  /** `path` is relative to KeyContainer, e.g. "MACMethod/MACKey/xenc:EncryptionMethod". */
  open(path: string, attr: Attr): void {
    if (path.startsWith(`${KDM}/`)) { this.#openPbkdf2(localPath(path.slice(KDM.length + 1)), attr); return; }
    if (path.startsWith(`${MAC_KEY_METHOD}/`)) { openMethodChild(this.macKeyMethod, path.slice(MAC_KEY_METHOD.length + 1), attr); return; }
    switch (path) {
      case 'EncryptionKey/ds:KeyName':
        this.encryptionKind = 'pre-shared';
        return;
      case 'EncryptionKey/xenc11:DerivedKey':
        this.encryptionKind = 'pbkdf2';
        return;
      case 'EncryptionKey/ds:X509Data':
        this.encryptionKind = 'x509';
        return;
      case KDM: {
        const algorithm = attr('Algorithm');
        if (algorithm === null || !PBKDF2_ALGORITHMS.includes(algorithm)) {
          throw new ImportError('unsupported_encryption', {}, `key derivation ${algorithm ?? '(none)'}`);
        }
        this.pbkdf2.derivation = algorithm;
        return;
      }
      case 'MACMethod':
        this.hasMacMethod = true;
        this.macAlgorithm = attr('Algorithm');
        return;
      case MAC_KEY_METHOD:
        this.macKeyMethod.algorithm = attr('Algorithm');
        return;
      case 'MACMethod/MACKeyReference':
        throw new ImportError('unsupported_mac', {}, 'MACKeyReference (a MAC key not in the file)');
    }
    // Anything else (ds:KeyValue, xenc:EncryptedKey, …): we cannot decrypt with it.
    if (path.startsWith('EncryptionKey/') && path.split('/').length === 2) {
      throw new ImportError('unsupported_encryption', {}, `EncryptionKey/${path.slice(14)}`);
    }
  }

  close(path: string, text: string): void {
    if (path.startsWith(`${KDM}/`)) { this.#closePbkdf2(localPath(path.slice(KDM.length + 1)), text); return; }
    if (path.startsWith(`${MAC_KEY_METHOD}/`)) closeMethodChild(this.macKeyMethod, path.slice(MAC_KEY_METHOD.length + 1), text);
    else if (path === 'MACMethod/MACKey/xenc:CipherData/xenc:CipherValue') this.macKeyCipher = text;
    else if (path === 'EncryptionKey/ds:X509Data/ds:X509Certificate') this.certificate ??= text;
  }

  #openPbkdf2(local: string, attr: Attr): void {
    if (local === 'PBKDF2-params/PRF') this.pbkdf2.prf = attr('Algorithm') ?? '';
    else if (local === 'PBKDF2-params/Salt/OtherSource') throw new ImportError('bad_pbkdf2', {}, 'Salt/OtherSource');
    else if (!PBKDF2_PARAMS_PATHS.has(local) && local.startsWith('PBKDF2-params')) {
      throw new ImportError('bad_pbkdf2', {}, `unknown ${local}`);
    }
  }

  #closePbkdf2(local: string, text: string): void {
    if (local === 'PBKDF2-params/Salt/Specified') this.pbkdf2.salt = text;
    else if (local === 'PBKDF2-params/IterationCount') this.pbkdf2.iterations = text;
    else if (local === 'PBKDF2-params/KeyLength') this.pbkdf2.keyLength = text;
  }
}

/** "pkcs5:PBKDF2-params/-:Salt" → "PBKDF2-params/Salt": its children come in no, pkcs5 or xenc11 namespace. */
function localPath(path: string): string {
  return path.split('/').map(localOf).join('/');
}
