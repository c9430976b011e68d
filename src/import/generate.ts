// Writes large, valid PSKC files for benchmarks and streaming tests: N KeyPackages with unique serials,
// AES-128-CBC secrets under a pre-shared key or a PBKDF2 passphrase (RFC 6030 §6.1/§6.2) and correct
// ValueMACs. Output is produced piece by piece, so a million tokens never sit in memory.
import { createSecretKey, pbkdf2Sync, type KeyObject } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OtpParams } from '../domain/token.ts';
import { CIPHERS, cbcEncrypt, valueMac, type CipherSpec } from './pskc-crypto.ts';

export type GeneratedProtection =
  | { readonly kind: 'plain' }
  | { readonly kind: 'pre-shared'; readonly key: Buffer }
  | { readonly kind: 'pbkdf2'; readonly passphrase: string; readonly salt: Buffer; readonly iterations: number };

export interface GenerateOptions {
  readonly protection: GeneratedProtection;
  /** Source of secrets, IVs and the MAC key: crypto.randomBytes, or a seeded one in tests. */
  readonly randomBytes: (size: number) => Buffer;
  /** Serials are firstSerial, firstSerial + 1, …; default 90000000000000. */
  readonly firstSerial?: bigint;
  /** Default: TOTP, SHA1, 6 digits, 30 s. */
  readonly params?: OtpParams;
  readonly model?: string;
}

const AES128 = CIPHERS['http://www.w3.org/2001/04/xmlenc#aes128-cbc'] as CipherSpec;
const SECRET_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;
const PACKAGES_PER_PIECE = 256;

interface Sealer {
  readonly encryptionKey: KeyObject;
  readonly macKey: KeyObject;
}

export async function* generatePskc(count: number, opts: GenerateOptions): AsyncGenerator<string> {
  const params: OtpParams = opts.params ?? { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 };
  const first = opts.firstSerial ?? 90_000_000_000_000n;
  const { header, sealer } = makeHeader(opts);
  yield header;
  let piece: string[] = [];
  for (let i = 0; i < count; i++) {
    const secret = opts.randomBytes(SECRET_BYTES[params.algorithm]);
    piece.push(keyPackage(String(first + BigInt(i)), params, secretXml(secret, sealer, opts), opts.model));
    if (piece.length === PACKAGES_PER_PIECE) {
      yield piece.join('');
      piece = [];
    }
  }
  yield `${piece.join('')}</KeyContainer>\n`;
}

/** Streams generatePskc to a file with back-pressure. */
export async function writeGeneratedPskc(path: string, count: number, opts: GenerateOptions): Promise<void> {
  await pipeline(Readable.from(generatePskc(count, opts)), createWriteStream(path));
}

function makeHeader(opts: GenerateOptions): { header: string; sealer: Sealer | null } {
  const open = '<?xml version="1.0" encoding="UTF-8"?>\n<KeyContainer Version="1.0" '
    + 'xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
    + 'xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" '
    + 'xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">\n';
  const p = opts.protection;
  if (p.kind === 'plain') return { header: open, sealer: null };
  const rawKey = p.kind === 'pre-shared'
    ? p.key
    : pbkdf2Sync(p.passphrase, p.salt, p.iterations, AES128.keyLength, 'sha1');
  const encryptionKey = createSecretKey(rawKey);
  const rawMacKey = opts.randomBytes(20);
  const encryptionKeyXml = p.kind === 'pre-shared'
    ? '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>\n'
    : '<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod '
      + 'Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2"><pkcs5:PBKDF2-params>'
      + `<Salt><Specified>${p.salt.toString('base64')}</Specified></Salt>`
      + `<IterationCount>${p.iterations}</IterationCount><KeyLength>${AES128.keyLength}</KeyLength><PRF/>`
      + '</pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey></EncryptionKey>\n';
  const macKeyCipher = cbcEncrypt(AES128, encryptionKey, opts.randomBytes(16), rawMacKey);
  const macXml = '<MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"><MACKey>'
    + '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
    + `<xenc:CipherData><xenc:CipherValue>${macKeyCipher.toString('base64')}</xenc:CipherValue></xenc:CipherData>`
    + '</MACKey></MACMethod>\n';
  return { header: open + encryptionKeyXml + macXml, sealer: { encryptionKey, macKey: createSecretKey(rawMacKey) } };
}

function secretXml(secret: Buffer, sealer: Sealer | null, opts: GenerateOptions): string {
  if (sealer === null) return `<PlainValue>${secret.toString('base64')}</PlainValue>`;
  const data = cbcEncrypt(AES128, sealer.encryptionKey, opts.randomBytes(16), secret);
  const mac = valueMac('sha1', sealer.macKey, data);
  return '<EncryptedValue><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
    + `<xenc:CipherData><xenc:CipherValue>${data.toString('base64')}</xenc:CipherValue></xenc:CipherData>`
    + `</EncryptedValue><ValueMAC>${mac.toString('base64')}</ValueMAC>`;
}

function keyPackage(serial: string, params: OtpParams, secret: string, model: string | undefined): string {
  const algorithm = params.type === 'hotp' ? 'urn:ietf:params:xml:ns:keyprov:pskc:hotp' : 'urn:ietf:params:xml:ns:keyprov:pskc:totp';
  const timing = params.type === 'hotp'
    ? '<Counter><PlainValue>0</PlainValue></Counter>'
    : `<TimeInterval><PlainValue>${params.stepSeconds}</PlainValue></TimeInterval>`;
  const modelXml = model === undefined ? '' : `<Model>${escapeXml(model)}</Model>`;
  return `<KeyPackage><DeviceInfo><Manufacturer>bizotp generator</Manufacturer><SerialNo>${serial}</SerialNo>${modelXml}`
    + `</DeviceInfo><Key Id="${serial}" Algorithm="${algorithm}"><AlgorithmParameters>`
    + `<Suite>HMAC-${params.algorithm}</Suite><ResponseFormat Length="${params.digits}" Encoding="DECIMAL"/>`
    + `</AlgorithmParameters><Data><Secret>${secret}</Secret>${timing}</Data></Key></KeyPackage>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
