// Feeds text to the saxes streaming parser and turns its events into ImportedKeys, one per closed
// KeyPackage. Memory holds the header, the KeyPackage being read, the serials seen and the keys finished
// in the current chunk — never the document.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ContainerHeader, type Attr } from './container-header.ts';
import { ContainerKeys, type DecryptionOptions } from './container-keys.ts';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { PackageReader } from './package-draft.ts';
import { packageToKey } from './package-to-key.ts';
import { NS, pathName } from './pskc-names.ts';
import { checkContainerChild, checkIterationCount, checkPlaintextSecret, checkRoot, type PskcPolicyOptions } from './pskc-policy.ts';
import { importWarning } from './import-warning.ts';
import { SerialSet } from './serial-set.ts';

const MAX_DEPTH = 32;
const PACKAGE_PREFIX = 'KeyPackage/'.length;
const MAX_TEXT = 64 * 1024; // no PSKC value comes near this; bounds what a hostile file makes us hold
const MAX_RUN_WITHOUT_MARKUP = 1024 * 1024;
const PLAIN_SECRET = 'KeyPackage/Key/Data/Secret/PlainValue';

export class PskcReader {
  readonly #parser = new SaxesParser({ xmlns: true, position: true });
  readonly #header = new ContainerHeader();
  readonly #keys: ContainerKeys;
  readonly #policy: PskcPolicyOptions;
  readonly #serials = new SerialSet();
  /** Element paths relative to KeyContainer ("KeyPackage/Key/Data"), one per open element. */
  readonly #paths: string[] = [];
  #package: PackageReader | null = null;
  #packageCount = 0;
  #text = '';
  #ready: ImportedKey[] = [];
  #rootClosed = false;
  #prologTail = '';
  #runWithoutMarkup = 0;

  constructor(options: DecryptionOptions & PskcPolicyOptions) {
    this.#keys = new ContainerKeys(this.#header, options);
    this.#policy = options;
    const p = this.#parser;
    // No 'error' handler: saxes then throws, and #run reports it as bad_xml. Each handler is a property
    // added to the parser; with eight V8 turns it into a slow dictionary object (2× slower parsing).
    // RFC 6030 §13 / OWASP XXE: no DTD at all, so no entity expansion and no external fetches.
    p.on('doctype', () => { throw new ImportError('dtd_forbidden'); });
    p.on('xmldecl', (decl) => {
      if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
        throw new ImportError('bad_encoding', {}, `encoding=${decl.encoding}`);
      }
    });
    p.on('opentag', (tag) => this.#open(tag));
    p.on('closetag', () => this.#close());
    p.on('text', (text) => this.#appendText(text));
    p.on('cdata', (text) => this.#appendText(text));
  }

  /** Parses one chunk; returns the keys whose KeyPackage closed in it. Throws a located ImportError. */
  write(text: string): ImportedKey[] {
    this.#guardChunk(text);
    this.#run(() => this.#parser.write(text));
    return this.#takeReady();
  }

  /** Ends the document; throws when it was cut short. */
  end(): ImportedKey[] {
    this.#run(() => this.#parser.close());
    if (!this.#rootClosed) throw new ImportError('bad_xml', { line: this.#parser.line }, 'no KeyContainer');
    return this.#takeReady();
  }

  #takeReady(): ImportedKey[] {
    const done = this.#ready;
    this.#ready = [];
    return done;
  }

  #open(tag: SaxesTagNS): void {
    const name = pathName(tag.uri, tag.local);
    const attr: Attr = (key) => tag.attributes[key]?.value ?? null;
    this.#text = '';
    const depth = this.#paths.length;
    if (depth === 0) {
      checkRoot(tag.uri, tag.local, tag.name);
      this.#paths.push('');
      this.#header.openContainer(attr);
      return;
    }
    if (depth >= MAX_DEPTH) throw new ImportError('bad_xml', {}, 'nesting too deep');
    const parent = this.#paths[depth - 1] ?? '';
    const path = depth === 1 ? name : `${parent}/${name}`;
    this.#paths.push(path);
    if (depth === 1) this.#openContainerChild(path, tag.uri);
    if (path === PLAIN_SECRET) checkPlaintextSecret(this.#policy);
    if (path === 'KeyPackage') {
      this.#package = new PackageReader(++this.#packageCount, this.#keys);
    } else if (this.#package !== null) {
      this.#package.open(path.slice(PACKAGE_PREFIX), attr);
    } else if (this.#packageCount > 0 && (path === 'EncryptionKey' || path === 'MACMethod')) {
      // RFC 6030 §4: EncryptionKey and MACMethod precede the KeyPackages; later they would come too late.
      throw new ImportError('bad_xml', {}, `${name} after a KeyPackage`);
    } else {
      this.#header.open(path, attr);
    }
  }

  #close(): void {
    const text = this.#text;
    this.#text = '';
    const path = this.#paths.pop() ?? '';
    if (this.#paths.length === 0) this.#rootClosed = true;
    else if (path === 'KeyPackage' && this.#package !== null) this.#finishPackage(this.#package);
    else if (this.#package !== null) this.#package.close(path.slice(PACKAGE_PREFIX), text);
    else this.#header.close(path, text);
    if (path === 'EncryptionKey' && this.#header.encryptionKind === 'pbkdf2') {
      checkIterationCount(this.#header.pbkdf2.iterations, this.#policy.onWarning);
    }
  }

  #openContainerChild(path: string, uri: string): void {
    checkContainerChild(path);
    // RFC 6030 §7: a signature is only worth something when verified (parseSeedFile does, given the signer).
    if (uri === NS.ds && path === 'ds:Signature') this.#policy.onWarning?.(importWarning('signature_not_verified'));
  }

  #finishPackage(reader: PackageReader): void {
    const key = packageToKey(reader.draft);
    if (key !== null) {
      if (!this.#serials.add(key.serial)) throw new ImportError('duplicate_serial');
      this.#ready.push(key);
    }
    this.#package = null;
  }

  #appendText(text: string): void {
    if (this.#text.length + text.length > MAX_TEXT) throw new ImportError('bad_xml', {}, 'text too long');
    this.#text += text;
  }

  /** Refuses a DOCTYPE before saxes buffers it, and any text run too long to be a PSKC value. */
  #guardChunk(text: string): void {
    if (this.#paths.length === 0 && this.#packageCount === 0) {
      const window = this.#prologTail + text;
      if (window.includes('<!DOCTYPE')) throw new ImportError('dtd_forbidden', { line: this.#parser.line });
      this.#prologTail = window.slice(-8);
    }
    const lastLt = text.lastIndexOf('<');
    this.#runWithoutMarkup = lastLt < 0 ? this.#runWithoutMarkup + text.length : text.length - lastLt - 1;
    if (this.#runWithoutMarkup > MAX_RUN_WITHOUT_MARKUP) {
      throw new ImportError('bad_xml', { line: this.#parser.line }, 'text run too long');
    }
  }

  #run(step: () => void): void {
    try {
      step();
    } catch (error) {
      const d = this.#package?.draft;
      const serial = d?.serial?.trim();
      const where = {
        line: this.#parser.line,
        ...(d !== undefined ? { keyPackage: d.index } : {}),
        ...(serial !== undefined && /^[A-Za-z0-9]{1,32}$/.test(serial) ? { serial } : {}),
      };
      if (error instanceof ImportError) throw error.locatedAt(where);
      throw new ImportError('bad_xml', where, error instanceof Error ? error.message : String(error));
    }
  }
}
