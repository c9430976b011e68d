// Signs PSKC documents for the signature tests, the way a vendor's tool would: an RSA key and a self-signed
// certificate made by openssl, and xml-crypto's SignedXml on the signing side. It shares no code with the
// verifier (pskc-signature.ts), which must accept what this produces and refuse every tampered copy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';

export interface TestSigner {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/** A fresh key and self-signed certificate from openssl; `newKey` as openssl's -newkey (rsa:2048, ec, …). */
export function makeSigner(commonName = 'PSKC Vendor Test Signer', newKey: readonly string[] = ['rsa:2048']): TestSigner {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-signer-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', ...newKey, '-nodes', '-keyout', key, '-out', cert, '-days', '3650', '-subj', `/CN=${commonName}`], { stdio: 'ignore' });
  return { privateKeyPem: readFileSync(key, 'utf8'), certificatePem: readFileSync(cert, 'utf8') };
}

export interface SignOptions {
  /** XPath of the signed element; default the root, referenced as URI="". */
  readonly referenceXPath?: string;
  readonly signatureAlgorithm?: string;
  readonly digestAlgorithm?: string;
  readonly canonicalization?: string;
}

/** RFC 6030 Figure 9: an enveloped signature appended as the KeyContainer's last child. */
export function signPskc(xml: string, signer: TestSigner, opts: SignOptions = {}): string {
  const canonicalization = opts.canonicalization ?? 'http://www.w3.org/2001/10/xml-exc-c14n#';
  const sig = new SignedXml({
    privateKey: signer.privateKeyPem,
    publicCert: signer.certificatePem,
    signatureAlgorithm: opts.signatureAlgorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: canonicalization,
  });
  const xpath = opts.referenceXPath ?? '/*';
  sig.addReference({
    xpath,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', canonicalization],
    digestAlgorithm: opts.digestAlgorithm ?? 'http://www.w3.org/2001/04/xmlenc#sha256',
    isEmptyUri: opts.referenceXPath === undefined,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}
