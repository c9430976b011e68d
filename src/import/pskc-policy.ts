// What a PSKC file must be beyond being well-formed: an RFC 6030 container (not a pre-RFC draft, not another
// namespace), secrets encrypted unless the operator allowed plaintext, and a PBKDF2 that is not trivially
// cheap to brute-force. Each refusal names what it found, so the operator can tell the vendor.
import { ImportError } from './import-error.ts';
import { importWarning, type WarningSink } from './import-warning.ts';
import { NS } from './pskc-names.ts';

export interface PskcPolicyOptions {
  /**
   * 'refuse': a secret in PlainValue fails as plaintext_not_allowed. parseSeedFile (every operator import)
   * refuses unless the operator allowed plaintext; parsePskc on its own allows it (tests, the demo's public
   * secrets).
   */
  readonly plaintextSecrets?: 'allow' | 'refuse';
  /** Told of what is weak but allowed; the import goes ahead. */
  readonly onWarning?: WarningSink;
}

/** RFC 8018 §4.2 asks for at least 1,000 iterations; OWASP's 2023 table asks far more of PBKDF2. */
export const MIN_PBKDF2_ITERATIONS = 1_000;
export const RECOMMENDED_PBKDF2_ITERATIONS = 100_000;

/** The drafts before RFC 6030 (draft-ietf-keyprov-pskc-00…05, draft-hoyer-keyprov-*) used keyprov URNs of their own. */
const KEYPROV_PREFIX = 'urn:ietf:params:xml:ns:keyprov:';

/** The root element: RFC 6030 §4's KeyContainer in its namespace, else a refusal that says what it is. */
export function checkRoot(uri: string, local: string, qualifiedName: string): void {
  if (uri === NS.pskc) {
    if (local === 'KeyContainer') return;
    throw new ImportError('bad_xml', {}, `root ${qualifiedName}`);
  }
  if (uri.startsWith(KEYPROV_PREFIX) || /keyprov|pskc/i.test(uri)) {
    throw new ImportError('pre_rfc_format', {}, `root ${qualifiedName} in ${uri}`, `名前空間 ${uri}`);
  }
  const where = uri === '' ? '名前空間なし' : `名前空間 ${uri}`;
  throw new ImportError('unknown_namespace', {}, `root ${qualifiedName} in ${uri || '(none)'}`, `ルート要素 ${qualifiedName}、${where}`);
}

/** A child of KeyContainer. The drafts wrapped keys in `<Device>`; RFC 6030 calls it KeyPackage. */
export function checkContainerChild(path: string): void {
  if (path === 'Device') throw new ImportError('pre_rfc_format', {}, 'Device element', 'Device要素（ドラフト版PSKC）');
}

/** Called once EncryptionKey has closed, with PBKDF2's IterationCount as written (RFC 6030 §6.2). */
export function checkIterationCount(text: string | null, onWarning: WarningSink | undefined): void {
  // Malformed or missing counts are left to the key derivation, which refuses them as bad_pbkdf2.
  if (text === null || !/^\s*\d{1,9}\s*$/.test(text)) return;
  const iterations = Number(text);
  if (iterations < MIN_PBKDF2_ITERATIONS) throw new ImportError('weak_pbkdf2', {}, `${iterations} iterations`);
  if (iterations < RECOMMENDED_PBKDF2_ITERATIONS) onWarning?.(importWarning('pbkdf2_few_iterations', iterations.toLocaleString('ja-JP')));
}

/** A Data/Secret/PlainValue opening: refused unless plaintext was allowed. */
export function checkPlaintextSecret(options: PskcPolicyOptions): void {
  if (options.plaintextSecrets === 'refuse') throw new ImportError('plaintext_not_allowed', {}, 'Secret/PlainValue');
}
