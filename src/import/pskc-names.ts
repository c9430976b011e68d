// Namespace and algorithm identifiers that a PSKC file uses (RFC 6030 §4, §6; XML-Enc; RFC 8018 / PKCS #5).

export const NS = {
  pskc: 'urn:ietf:params:xml:ns:keyprov:pskc',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xenc11: 'http://www.w3.org/2009/xmlenc11#',
  pkcs5: 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#',
} as const;

/**
 * The name used in element paths: pskc elements bare ("KeyPackage"), known namespaces prefixed
 * ("xenc:CipherValue"), elements without a namespace as "-:Salt" (RFC 6030 Figure 7's PBKDF2 children)
 * and any other namespace as "?:Local", which no handler matches.
 */
export function pathName(uri: string, local: string): string {
  switch (uri) {
    case NS.pskc: return local;
    case NS.ds: return `ds:${local}`;
    case NS.xenc: return `xenc:${local}`;
    case NS.xenc11: return `xenc11:${local}`;
    case NS.pkcs5: return `pkcs5:${local}`;
    case '': return `-:${local}`;
    default: return `?:${local}`;
  }
}

/** The local part of a path name, for PBKDF2-params whose children appear in several namespaces. */
export function localOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** RFC 6030 §10.1 (HOTP); TOTP per draft-hoyer-keyprov-pskc-algorithm-profiles, both spellings seen. */
export const ALGORITHM_HOTP = 'urn:ietf:params:xml:ns:keyprov:pskc:hotp';
export const ALGORITHMS_TOTP: readonly string[] = [
  'urn:ietf:params:xml:ns:keyprov:pskc#totp',
  'urn:ietf:params:xml:ns:keyprov:pskc:totp',
];
/** RFC 6030 §10.2: a PIN kept by the device (Figure 5); not an OTP token, so not imported. */
export const ALGORITHM_PIN = 'urn:ietf:params:xml:ns:keyprov:pskc:pin';

/** RFC 6030 §6.2 uses the PKCS #5 identifier; XML Encryption 1.1 defines its own. */
export const PBKDF2_ALGORITHMS: readonly string[] = [
  'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2',
  'http://www.w3.org/2009/xmlenc11#pbkdf2',
];
