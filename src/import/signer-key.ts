// The signer's certificate the operator names for a signed seed file (PEM). Only its public key is used:
// trust comes from the operator choosing the file, not from a chain, and never from the seed file itself.
import { type KeyObject, X509Certificate } from 'node:crypto';
import { MIN_RSA_SIGNER_BITS } from './signature-algorithms.ts';

export type SignerKeyResult = { readonly ok: true; readonly key: KeyObject } | { readonly ok: false; readonly reason: 'not_a_certificate' | 'not_rsa' | 'rsa_too_short' };

export function signerKeyFromPem(pem: string | Buffer): SignerKeyResult {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { ok: false, reason: 'not_a_certificate' };
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'not_rsa' };
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_SIGNER_BITS) return { ok: false, reason: 'rsa_too_short' };
  return { ok: true, key };
}
