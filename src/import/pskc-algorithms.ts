// Every EncryptionMethod a PSKC value may name (RFC 6030 §6, XML Encryption 1.0 and 1.1, RFC 4051) and
// what it takes to open it. An identifier that is not here is refused with the identifier in the message.
import { ImportError } from './import-error.ts';
import { CIPHERS, type CipherSpec } from './pskc-crypto.ts';
import type { OaepChoice, RsaScheme } from './rsa-transport.ts';
import { decodeBase64 } from './text-encodings.ts';

export type EncryptionAlgorithm =
  | { readonly kind: 'cbc'; readonly keyLength: 16 | 24 | 32; readonly spec: CipherSpec }
  | { readonly kind: 'gcm'; readonly keyLength: 16 | 24 | 32 }
  | { readonly kind: 'kw-aes' | 'kw-aes-pad' | 'kw-camellia'; readonly keyLength: 16 | 24 | 32 }
  | { readonly kind: 'kw-tripledes'; readonly keyLength: 24 }
  | { readonly kind: 'rsa'; readonly scheme: RsaScheme };

/** The EncryptionMethod element as read: its Algorithm and the OAEP children (XML Encryption §5.4.2). */
export interface EncryptionMethodDraft {
  algorithm: string | null;
  digest: string | null;
  mgf: string | null;
  oaepParams: string | null;
}

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';

const OTHERS: Readonly<Record<string, EncryptionAlgorithm>> = {
  [`${XENC11}aes128-gcm`]: { kind: 'gcm', keyLength: 16 },
  [`${XENC11}aes192-gcm`]: { kind: 'gcm', keyLength: 24 },
  [`${XENC11}aes256-gcm`]: { kind: 'gcm', keyLength: 32 },
  [`${XENC}kw-aes128`]: { kind: 'kw-aes', keyLength: 16 },
  [`${XENC}kw-aes192`]: { kind: 'kw-aes', keyLength: 24 },
  [`${XENC}kw-aes256`]: { kind: 'kw-aes', keyLength: 32 },
  [`${XENC11}kw-aes-128-pad`]: { kind: 'kw-aes-pad', keyLength: 16 },
  [`${XENC11}kw-aes-192-pad`]: { kind: 'kw-aes-pad', keyLength: 24 },
  [`${XENC11}kw-aes-256-pad`]: { kind: 'kw-aes-pad', keyLength: 32 },
  [`${XENC}kw-tripledes`]: { kind: 'kw-tripledes', keyLength: 24 },
  [`${MORE}kw-camellia128`]: { kind: 'kw-camellia', keyLength: 16 },
  [`${MORE}kw-camellia192`]: { kind: 'kw-camellia', keyLength: 24 },
  [`${MORE}kw-camellia256`]: { kind: 'kw-camellia', keyLength: 32 },
  [`${XENC}rsa-1_5`]: { kind: 'rsa', scheme: 'pkcs1' },
  // RFC 6030 Figure 8 writes the XML Encryption identifier with an underscore; files copy it.
  [`${XENC}rsa_1_5`]: { kind: 'rsa', scheme: 'pkcs1' },
  [`${XENC}rsa-oaep-mgf1p`]: { kind: 'rsa', scheme: 'oaep-mgf1p' },
  [`${XENC11}rsa-oaep`]: { kind: 'rsa', scheme: 'oaep' },
};

/** ds:DigestMethod in an RSA-OAEP EncryptionMethod (XML Encryption §5.7, RFC 6931 §2.1). */
const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  [`${MORE}sha224`]: 'sha224',
  [`${XENC}sha256`]: 'sha256',
  [`${MORE}sha384`]: 'sha384',
  [`${XENC}sha512`]: 'sha512',
};

/** xenc11:MGF (XML Encryption 1.1 §5.5.2). */
const MGFS: Readonly<Record<string, string>> = {
  [`${XENC11}mgf1sha1`]: 'sha1',
  [`${XENC11}mgf1sha224`]: 'sha224',
  [`${XENC11}mgf1sha256`]: 'sha256',
  [`${XENC11}mgf1sha384`]: 'sha384',
  [`${XENC11}mgf1sha512`]: 'sha512',
};

export function newEncryptionMethod(): EncryptionMethodDraft {
  return { algorithm: null, digest: null, mgf: null, oaepParams: null };
}

/** `rest` is relative to the EncryptionMethod element. */
export function openMethodChild(method: EncryptionMethodDraft, rest: string, attr: (name: string) => string | null): void {
  if (rest === 'ds:DigestMethod') method.digest = attr('Algorithm') ?? '';
  else if (rest === 'xenc11:MGF') method.mgf = attr('Algorithm') ?? '';
}

export function closeMethodChild(method: EncryptionMethodDraft, rest: string, text: string): void {
  if (rest === 'xenc:OAEPparams') method.oaepParams = text;
}

export function encryptionAlgorithm(uri: string | null): EncryptionAlgorithm {
  const cbc = CIPHERS[uri ?? ''];
  if (cbc !== undefined) return { kind: 'cbc', keyLength: cbc.keyLength, spec: cbc };
  return OTHERS[uri ?? ''] ?? refuse(`EncryptionMethod ${uri ?? '(none)'}`);
}

/**
 * The digest, MGF1 hash and label of an OAEP method. rsa-oaep-mgf1p fixes MGF1 with SHA-1 (XML
 * Encryption §5.4.2); xenc11 rsa-oaep defaults both to SHA-1. An unknown digest or MGF is refused by name.
 */
export function oaepChoice(scheme: RsaScheme, method: EncryptionMethodDraft): OaepChoice {
  const digest = method.digest === null ? 'sha1' : DIGESTS[method.digest] ?? refuse(`DigestMethod ${method.digest}`);
  if (scheme === 'oaep-mgf1p' && method.mgf !== null) refuse(`MGF ${method.mgf} with rsa-oaep-mgf1p`);
  const mgfDigest = method.mgf === null ? 'sha1' : MGFS[method.mgf] ?? refuse(`MGF ${method.mgf}`);
  const label = method.oaepParams === null ? Buffer.alloc(0) : decodeBase64(method.oaepParams);
  if (label === null) throw new ImportError('bad_ciphertext', {}, 'OAEPparams is not base64');
  return { digest, mgfDigest, label };
}

function refuse(what: string): never {
  throw new ImportError('unsupported_encryption', {}, what);
}
