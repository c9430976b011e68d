// RFC 6030 §7 (Figure 9): the enveloped XML signature over a whole KeyContainer, verified with the signer's
// certificate the operator names (never a certificate the file carries). xml-crypto does canonicalisation and
// the cryptography; this file decides what it may be asked: one Signature, a child of the root, one Reference
// that covers the root, only the algorithms below. What comes back is the canonical XML that was signed, and
// only that is imported, so no difference between two XML parsers can slip unsigned content in.
import type { KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { SignedXml } from 'xml-crypto';
import { ImportError } from './import-error.ts';
import { NS } from './pskc-names.ts';
import { SIGNATURE_ALGORITHMS, CANONICALIZATIONS, DIGESTS, ENVELOPED_SIGNATURE } from './signature-algorithms.ts';

/** Node's DOM as @xmldom/xmldom builds it; only what is read here. */
interface XmlNode {
  readonly nodeType: number;
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  readonly parentNode: XmlNode | null;
  readonly childNodes: ArrayLike<XmlNode>;
  getAttribute?(name: string): string | null;
  getElementsByTagNameNS?(ns: string, local: string): ArrayLike<XmlNode>;
}

interface XmlDomParser {
  parseFromString(xml: string, mimeType: string): { readonly documentElement: XmlNode | null };
}
type ErrorHandler = (message: unknown) => never;

// @xmldom/xmldom (xml-crypto's own DOM) is loaded untyped: its declarations pull the browser's DOM library
// into the whole program and change Node's and Playwright's types elsewhere.
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as {
  DOMParser: new (options: { errorHandler: { warning: ErrorHandler; error: ErrorHandler; fatalError: ErrorHandler } }) => XmlDomParser;
};

const ELEMENT = 1;

/**
 * Verifies the document's signature with `signer` (an RSA public key from the operator's certificate).
 * Returns the signed canonical XML to import, or null when the document has no signature at all.
 */
export function verifyPskcSignature(xml: string, signer: KeyObject): string | null {
  // The DOM parser is not the hardened streaming one: refuse a DTD (entities, external fetches) before it runs.
  if (/<!DOCTYPE|<!ENTITY/.test(xml)) throw new ImportError('dtd_forbidden');
  const root = strictParse(xml);
  const signatures = root.getElementsByTagNameNS?.(NS.ds, 'Signature') ?? [];
  if (signatures.length === 0) return null;
  const signature = signatures[0];
  if (signatures.length > 1 || signature === undefined) throw scope('more than one ds:Signature');
  // Figure 9: the Signature is a child of KeyContainer. Anywhere else it could sign a copy the importer never reads.
  if (signature.parentNode !== root) throw scope('ds:Signature is not a child of the root');
  checkSignedInfo(signature, root);
  const verifier = new SignedXml({ publicCert: signer, getCertFromKeyInfo: () => null });
  // Only the allowed algorithms exist for this verifier, so nothing else can be chosen by the file.
  verifier.SignatureAlgorithms = pick(verifier.SignatureAlgorithms, Object.keys(SIGNATURE_ALGORITHMS));
  verifier.HashAlgorithms = pick(verifier.HashAlgorithms, DIGESTS);
  verifier.CanonicalizationAlgorithms = pick(verifier.CanonicalizationAlgorithms, [...CANONICALIZATIONS, ENVELOPED_SIGNATURE]);
  let valid: boolean;
  try {
    verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    valid = verifier.checkSignature(xml);
  } catch (error) {
    throw new ImportError('signature_invalid', {}, error instanceof Error ? error.message.slice(0, 300) : String(error));
  }
  const signed = verifier.getSignedReferences();
  if (!valid || signed.length !== 1 || signed[0] === undefined) throw new ImportError('signature_invalid', {}, 'SignatureValue or DigestValue does not match');
  return signed[0];
}

/** xmldom with every warning and error fatal (it would otherwise carry on and guess). */
function strictParse(xml: string): XmlNode {
  const fail = (message: unknown): never => {
    throw new ImportError('bad_xml', {}, `signed document: ${String(message).slice(0, 200)}`);
  };
  const doc = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml');
  if (doc.documentElement === null) return fail('no root element');
  return doc.documentElement;
}

/** One SignedInfo with one Reference to the whole root, and only algorithms this importer allows. */
function checkSignedInfo(signature: XmlNode, root: XmlNode): void {
  const parts = dsChildren(signature);
  const names = parts.map((e) => e.localName).join(',');
  if (names !== 'SignedInfo,SignatureValue' && names !== 'SignedInfo,SignatureValue,KeyInfo') throw scope(`Signature children ${names}`);
  const signedInfo = parts[0] as XmlNode;
  const info = dsChildren(signedInfo);
  if (info.map((e) => e.localName).join(',') !== 'CanonicalizationMethod,SignatureMethod,Reference') {
    throw scope(`SignedInfo children ${info.map((e) => e.localName).join(',')} (one Reference is allowed)`);
  }
  const [c14n, method, reference] = info as [XmlNode, XmlNode, XmlNode];
  allowed(algorithmOf(c14n), CANONICALIZATIONS);
  allowed(algorithmOf(method), Object.keys(SIGNATURE_ALGORITHMS));
  const uri = reference.getAttribute?.('URI') ?? null;
  const rootId = root.getAttribute?.('Id') || null;
  // RFC 3275 §4.3.3.2: URI="" is the whole document; "#id" may name the root itself, nothing below it.
  if (uri !== '' && (rootId === null || uri !== `#${rootId}`)) throw scope(`Reference URI=${uri ?? '(none)'}`);
  const refParts = dsChildren(reference);
  const transforms = refParts[0]?.localName === 'Transforms' ? dsChildren(refParts[0]).map(algorithmOf) : [];
  if (!transforms.includes(ENVELOPED_SIGNATURE)) throw scope('no enveloped-signature transform');
  for (const t of transforms) allowed(t, [...CANONICALIZATIONS, ENVELOPED_SIGNATURE]);
  const digest = refParts.find((e) => e.localName === 'DigestMethod');
  allowed(digest === undefined ? '' : algorithmOf(digest), DIGESTS);
}

function dsChildren(element: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType !== ELEMENT) continue;
    if (child.namespaceURI !== NS.ds) throw scope(`${child.localName ?? '?'} in ${child.namespaceURI ?? 'no namespace'} inside the signature`);
    out.push(child);
  }
  return out;
}

function algorithmOf(element: XmlNode): string {
  return element.getAttribute?.('Algorithm') ?? '';
}

function allowed(algorithm: string, list: readonly string[]): void {
  if (!list.includes(algorithm)) throw new ImportError('signature_unsupported', {}, algorithm, algorithm === '' ? 'アルゴリズムの指定なし' : algorithm);
}

function scope(detail: string): ImportError {
  return new ImportError('signature_scope', {}, detail);
}

function pick<V>(table: Record<string, V>, keys: readonly string[]): Record<string, V> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => keys.includes(k)));
}
