// What one KeyPackage said, collected element by element (RFC 6030 §4.1–4.3, §5), before validation.
import type { Attr } from './container-header.ts';
import type { ContainerKeys, ValueDraft } from './container-keys.ts';
import { decryptedInteger } from './decrypted-integer.ts';
import { ImportError } from './import-error.ts';
import { closeMethodChild, newEncryptionMethod, openMethodChild } from './pskc-algorithms.ts';

export interface PackageDraft {
  readonly index: number;
  serial: string | null;
  model: string | null;
  manufacturer: string | null;
  deviceExpiry: string | null;
  keyCount: number;
  algorithm: string | null;
  suite: string | null;
  responseLength: string | null;
  responseEncoding: string | null;
  checkDigits: string | null;
  secret: Buffer | null;
  counter: string | null;
  time: string | null;
  timeInterval: string | null;
  timeDrift: string | null;
  policyStart: string | null;
  policyExpiry: string | null;
  keyUsages: string[];
  pinUsageMode: string | null;
}

const DATA_FIELDS = new Set(['Secret', 'Counter', 'Time', 'TimeInterval', 'TimeDrift']);
const METHOD = 'EncryptedValue/xenc:EncryptionMethod';
/** RFC 6030 §5: the Policy children this implementation understands; any other makes the key unusable. */
const KNOWN_POLICY = new Set(['StartDate', 'ExpiryDate', 'PINPolicy', 'KeyUsage', 'NumberOfTransactions']);

/** Reads the elements of one KeyPackage; `path` is relative to it, e.g. "Key/Data/Secret/PlainValue". */
export class PackageReader {
  readonly draft: PackageDraft;
  readonly #keys: ContainerKeys;
  #value: ValueDraft | null = null;

  constructor(index: number, keys: ContainerKeys) {
    this.#keys = keys;
    this.draft = {
      index, serial: null, model: null, manufacturer: null, deviceExpiry: null, keyCount: 0, algorithm: null,
      suite: null, responseLength: null, responseEncoding: null, checkDigits: null, secret: null, counter: null,
      time: null, timeInterval: null, timeDrift: null, policyStart: null, policyExpiry: null, keyUsages: [],
      pinUsageMode: null,
    };
  }

  open(path: string, attr: Attr): void {
    const d = this.draft;
    if (path.startsWith('Key/Data/')) { this.#openData(path.slice(9), attr); return; }
    switch (path) {
      case 'Key':
        if (++d.keyCount > 1) throw new ImportError('bad_xml', {}, 'more than one Key in a KeyPackage');
        d.algorithm = attr('Algorithm');
        return;
      case 'Key/AlgorithmParameters/ResponseFormat':
        d.responseLength = attr('Length') ?? '';
        d.responseEncoding = attr('Encoding');
        d.checkDigits = attr('CheckDigits');
        return;
      case 'Key/AlgorithmParameters/ChallengeFormat':
        throw new ImportError('unknown_algorithm', {}, 'challenge-response (ChallengeFormat)');
    }
    if (path.startsWith('Key/Policy/') && path.indexOf('/', 11) < 0) this.#openPolicy(path.slice(11), attr);
  }

  close(path: string, text: string): void {
    const d = this.draft;
    if (path.startsWith('Key/Data/')) { this.#closeData(path.slice(9), text); return; }
    switch (path) {
      case 'DeviceInfo/SerialNo': d.serial = text; return;
      case 'DeviceInfo/Model': d.model = text; return;
      case 'DeviceInfo/Manufacturer': d.manufacturer = text; return;
      case 'DeviceInfo/ExpiryDate': d.deviceExpiry = text; return;
      case 'Key/AlgorithmParameters/Suite': d.suite = text; return;
      case 'Key/Policy/StartDate': d.policyStart = text; return;
      case 'Key/Policy/ExpiryDate': d.policyExpiry = text; return;
      case 'Key/Policy/KeyUsage': d.keyUsages.push(text.trim()); return;
    }
  }

  /** `rest` is relative to Key/Data, e.g. "Secret/EncryptedValue/xenc:EncryptionMethod". */
  #openData(rest: string, attr: Attr): void {
    if (DATA_FIELDS.has(rest)) {
      this.#value = { plain: null, encrypted: false, method: newEncryptionMethod(), cipher: null, mac: null };
      return;
    }
    const value = this.#value;
    if (value === null) return;
    const tail = rest.slice(rest.indexOf('/') + 1);
    if (tail === 'EncryptedValue') value.encrypted = true;
    else if (tail === METHOD) value.method.algorithm = attr('Algorithm');
    else if (tail.startsWith(`${METHOD}/`)) openMethodChild(value.method, tail.slice(METHOD.length + 1), attr);
    else if (tail === 'EncryptedValue/xenc:CipherData/xenc:CipherReference') {
      throw new ImportError('unsupported_encryption', {}, 'CipherReference');
    }
  }

  #closeData(rest: string, text: string): void {
    const value = this.#value;
    if (value === null) return;
    if (DATA_FIELDS.has(rest)) { this.#closeValue(rest, value); return; }
    const tail = rest.slice(rest.indexOf('/') + 1);
    if (tail === 'PlainValue') value.plain = text;
    else if (tail === 'ValueMAC') value.mac = text;
    else if (tail === 'EncryptedValue/xenc:CipherData/xenc:CipherValue') value.cipher = text;
    else if (tail.startsWith(`${METHOD}/`)) closeMethodChild(value.method, tail.slice(METHOD.length + 1), text);
  }

  #closeValue(field: string, value: ValueDraft): void {
    this.#value = null;
    if (field === 'Secret') {
      this.draft.secret = this.#keys.openSecret(value);
      return;
    }
    // Encrypted counters and times (multiOTP and other servers' exports) are opened like the secret and
    // then checked by the same rules as plain ones.
    const text = value.encrypted ? decryptedInteger(field, this.#keys.openValue(value)) : value.plain ?? '';
    if (field === 'Counter') this.draft.counter = text;
    else if (field === 'Time') this.draft.time = text;
    else if (field === 'TimeInterval') this.draft.timeInterval = text;
    else if (field === 'TimeDrift') this.draft.timeDrift = text;
  }

  #openPolicy(name: string, attr: Attr): void {
    if (!KNOWN_POLICY.has(name)) throw new ImportError('unknown_policy', {}, `Policy/${name}`);
    // A use limit we would not enforce is as good as an unknown one.
    if (name === 'NumberOfTransactions') throw new ImportError('unsupported_policy', {}, name);
    if (name === 'PINPolicy') this.draft.pinUsageMode = attr('PINUsageMode') ?? '';
  }
}
