// RFC 6030 §6.3: the file names the key its values were encrypted to by its certificate. An operator who
// gives the wrong private key is told so, instead of seeing every value fail to decrypt.
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

/** True when `certificateDer` (EncryptionKey/ds:X509Data/ds:X509Certificate) holds this key's public half. */
export function matchesCertificate(privateKey: KeyObject, certificateDer: Buffer): boolean {
  let certificateKey: Buffer;
  try {
    certificateKey = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    return false;
  }
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).equals(certificateKey);
}
