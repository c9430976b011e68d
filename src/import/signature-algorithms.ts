// The XML-Signature algorithms a signed PSKC file (RFC 6030 §7) may use here. xml-crypto knows a few more;
// a verifier is built with only these, and anything else is refused by name (signature_unsupported).
// ECDSA (RFC 4051 §2.3.6) is not among them: the library does not implement it.

export const SIGNATURE_ALGORITHMS: Readonly<Record<string, 'rsa'>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'rsa', // RFC 6030 Figure 9; xmldsig core
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'rsa', // RFC 4051 §2.3.2
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'rsa',
};

export const DIGESTS: readonly string[] = [
  'http://www.w3.org/2000/09/xmldsig#sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512',
];

/** Canonical XML 1.0 and Exclusive C14N, with or without comments (comments are never imported). */
export const CANONICALIZATIONS: readonly string[] = [
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
];

export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** RSA keys below this are refused for signers (NIST SP 800-131A: 2048 bits since 2014). */
export const MIN_RSA_SIGNER_BITS = 2048;
