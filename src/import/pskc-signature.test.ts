// RFC 6030 §7 / Figure 9: a signed PSKC file is imported only when its enveloped signature over the whole
// KeyContainer verifies with the certificate the operator gave. Files are signed here by an independent
// signer (openssl keys, xml-crypto's SignedXml: test-signer.ts) and then edited the way an attacker would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePskc } from './generate.ts';
import type { ImportWarning } from './import-warning.ts';
import { parseSeedFile, type SeedFileOptions } from './parse-seed-file.ts';
import { MAX_SIGNED_FILE_BYTES } from './signed-pskc.ts';
import { signerKeyFromPem } from './signer-key.ts';
import { makeSigner, signPskc, type TestSigner } from './test-signer.ts';
import { chunks, collect, failure, seededRandom } from './test-support.ts';

const PSK = Buffer.alloc(16, 0x42);
const vendor = makeSigner('Vendor');
const stranger = makeSigner('Someone Else');

function keyOf(signer: TestSigner): ReturnType<typeof signerKeyFromPem> & { ok: true } {
  const result = signerKeyFromPem(signer.certificatePem);
  assert.ok(result.ok);
  return result;
}

/** Three HOTP keys under a pre-shared key, each with an expiry, unsigned. */
async function unsignedFile(): Promise<string> {
  const parts: string[] = [];
  const params = { type: 'hotp', algorithm: 'SHA1', digits: 6 } as const;
  for await (const piece of generatePskc(3, { protection: { kind: 'pre-shared', key: PSK }, randomBytes: seededRandom('signed'), params })) parts.push(piece);
  return parts.join('').replaceAll('</Data></Key>', '</Data><Policy><ExpiryDate>2031-03-31T23:59:59Z</ExpiryDate></Policy></Key>');
}

const UNSIGNED = await unsignedFile();
const SIGNED = signPskc(UNSIGNED, vendor);

function options(signer: TestSigner | null, requireSignature = true, onWarning?: (w: ImportWarning) => void): SeedFileOptions {
  return { preSharedKey: PSK, ...(signer === null ? {} : { signer: { signerKey: keyOf(signer).key, requireSignature } }), ...(onWarning === undefined ? {} : { onWarning }) };
}

async function codeOf(xml: string, signer: TestSigner = vendor): Promise<string> {
  return (await failure(parseSeedFile(chunks(xml, 4096), options(signer)))).code;
}

/** Swaps the Secret elements (EncryptedValue and ValueMAC) of the first two key packages. */
function swapSecrets(xml: string): string {
  const secrets = [...xml.matchAll(/<Secret>[\s\S]*?<\/Secret>/g)].map((m) => m[0]);
  const [a, b] = secrets;
  assert.ok(a !== undefined && b !== undefined && a !== b);
  return xml.replace(a, '\u0000').replace(b, a).replace('\u0000', b);
}

describe('a signed PSKC file with the signer certificate', () => {
  it('imports every key of the file signed by the given certificate', async () => {
    const keys = await collect(parseSeedFile(chunks(SIGNED, 4096), options(vendor)));
    assert.deepEqual(keys.map((k) => k.serial), ['90000000000000', '90000000000001', '90000000000002']);
    assert.equal(keys[0]?.expiresAtMs, Date.UTC(2031, 2, 31, 23, 59, 59));
  });

  it('imports a file signed as in Figure 9 (RSA-SHA1, SHA-1 digest) and one with inclusive canonicalisation', async () => {
    const sha1 = signPskc(UNSIGNED, vendor, { signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1' });
    assert.equal((await collect(parseSeedFile(chunks(sha1), options(vendor)))).length, 3);
    const inclusive = signPskc(UNSIGNED, vendor, { canonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' });
    assert.equal((await collect(parseSeedFile(chunks(inclusive), options(vendor)))).length, 3);
  });

  const edits: [string, (xml: string) => string][] = [
    ['editing a SerialNo', (x) => x.replace('<SerialNo>90000000000001</SerialNo>', '<SerialNo>90000000000009</SerialNo>')],
    ['editing a counter', (x) => x.replace('<Counter><PlainValue>0</PlainValue>', '<Counter><PlainValue>7</PlainValue>')],
    ['editing the digits', (x) => x.replace('Length="6"', 'Length="8"')],
    ['editing an expiry', (x) => x.replace('2031-03-31T23:59:59Z', '2039-03-31T23:59:59Z')],
    ['swapping two key packages\u2019 EncryptedValue', swapSecrets],
    ['removing a key package', (x) => x.replace(/<KeyPackage>[\s\S]*?<\/KeyPackage>\n/, '')],
  ];
  for (const [what, edit] of edits) {
    it(`refuses the file after ${what} (signature_invalid)`, async () => {
      const edited = edit(SIGNED);
      assert.notEqual(edited, SIGNED);
      assert.equal(await codeOf(edited), 'signature_invalid');
    });
  }

  it('shows why the signature matters: without it, swapped EncryptedValues pass every ValueMAC check', async () => {
    const keys = await collect(parseSeedFile(chunks(swapSecrets(UNSIGNED)), { preSharedKey: PSK }));
    const original = await collect(parseSeedFile(chunks(UNSIGNED), { preSharedKey: PSK }));
    assert.deepEqual(keys[0]?.secret, original[1]?.secret);
  });

  it('refuses the file with another certificate than the signer\u2019s, whatever certificate the file carries', async () => {
    assert.equal(await codeOf(SIGNED, stranger), 'signature_invalid');
    // Signed by the stranger with the stranger's certificate embedded: the operator's certificate decides.
    assert.equal(await codeOf(signPskc(UNSIGNED, stranger)), 'signature_invalid');
  });

  it('refuses a DOCTYPE in a signed file before any DOM is built (dtd_forbidden)', async () => {
    assert.equal(await codeOf(SIGNED.replace('?>', '?><!DOCTYPE KeyContainer [<!ENTITY s "1">]>')), 'dtd_forbidden');
  });

  it('refuses a signed file above the size limit as signed_file_too_large without reading it whole', async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    mib.write('<KeyContainer ');
    async function* huge(): AsyncGenerator<Buffer> {
      for (let i = 0; i <= MAX_SIGNED_FILE_BYTES / mib.length; i++) yield i === 0 ? mib : Buffer.alloc(mib.length, 0x20);
    }
    const error = await failure(parseSeedFile(huge(), options(vendor)));
    assert.equal(error.code, 'signed_file_too_large');
    assert.ok(error.message.includes(`${MAX_SIGNED_FILE_BYTES / 1024 / 1024}MiB`), 'the message states the limit in force');
  });
});

describe('whether a signature is required', () => {
  it('refuses an unsigned file under requireSignature (signature_missing)', async () => {
    assert.equal(await codeOf(UNSIGNED), 'signature_missing');
  });

  it('refuses a CSV file under requireSignature, since CSV cannot be signed', async () => {
    const csv = 'serial,type,algorithm,digits,step,counter,secret_hex,expiry,model\n1,totp,SHA1,6,30,,3132333435363738393031323334353637383930,,\n';
    assert.equal((await failure(parseSeedFile(chunks(csv), { ...options(vendor), allowPlaintext: true }))).code, 'signature_missing');
  });

  it('imports an unsigned file with a signer but without requireSignature, and warns', async () => {
    const warnings: ImportWarning[] = [];
    assert.equal((await collect(parseSeedFile(chunks(UNSIGNED), options(vendor, false, (w) => void warnings.push(w))))).length, 3);
    assert.deepEqual(warnings.map((w) => w.code), ['unsigned_file']);
  });

  it('imports a signed file without a signer certificate (as before) but warns that the signature was not verified', async () => {
    const warnings: ImportWarning[] = [];
    assert.equal((await collect(parseSeedFile(chunks(SIGNED), options(null, false, (w) => void warnings.push(w))))).length, 3);
    assert.deepEqual(warnings.map((w) => w.code), ['signature_not_verified']);
  });
});

describe('signature wrapping and scope', () => {
  const body = SIGNED.replace(/^<\?xml[^>]*\?>\s*/, '');
  const evilPackage = '<KeyPackage><DeviceInfo><SerialNo>66600000000000</SerialNo></DeviceInfo><Key Id="e" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data></Key></KeyPackage>';

  it('refuses a second KeyContainer wrapping the signed one (the signature is no longer a child of the root)', async () => {
    const wrapped = `<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">${evilPackage}<v:Archive xmlns:v="urn:example:vendor">${body}</v:Archive></KeyContainer>`;
    assert.equal(await codeOf(wrapped), 'signature_scope');
  });

  it('refuses a second KeyContainer after the signed one (two root elements)', async () => {
    const twoRoots = `${SIGNED}<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">${evilPackage}</KeyContainer>`;
    assert.equal(await codeOf(twoRoots), 'bad_xml');
  });

  it('refuses a signature whose Reference points to one KeyPackage, not the whole container', async () => {
    const partial = signPskc(UNSIGNED, vendor, { referenceXPath: "//*[local-name(.)='KeyPackage'][1]" });
    assert.match(partial, /URI="#/);
    assert.equal(await codeOf(partial), 'signature_scope');
    assert.equal(await codeOf(partial.replace('</KeyContainer>', `${evilPackage}</KeyContainer>`)), 'signature_scope');
  });

  it('refuses what XML forbids even where xmldom, under the verifier, would tolerate it ("--" in a comment)', async () => {
    assert.equal(await codeOf(SIGNED.replace('?>', '?><!-- made with --sign -->')), 'bad_xml');
  });

  it('refuses a file with two signatures', async () => {
    assert.equal(await codeOf(signPskc(SIGNED, vendor)), 'signature_scope');
  });

  it('refuses a signature algorithm outside the allowed list by name (signature_unsupported)', async () => {
    const mgf1 = signPskc(UNSIGNED, vendor, { signatureAlgorithm: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1' });
    const error = await failure(parseSeedFile(chunks(mgf1), options(vendor)));
    assert.equal(error.code, 'signature_unsupported');
    assert.ok(error.message.includes('sha256-rsa-MGF1'), error.message);
  });
});

describe('the signer certificate', () => {
  it('takes an RSA certificate of 2048 bits or more, and refuses EC, short RSA keys and non-certificates', () => {
    assert.equal(signerKeyFromPem(vendor.certificatePem).ok, true);
    const ec = makeSigner('EC', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    assert.deepEqual(signerKeyFromPem(ec.certificatePem), { ok: false, reason: 'not_rsa' });
    assert.deepEqual(signerKeyFromPem(makeSigner('Short', ['rsa:1024']).certificatePem), { ok: false, reason: 'rsa_too_short' });
    assert.deepEqual(signerKeyFromPem(vendor.privateKeyPem), { ok: false, reason: 'not_a_certificate' });
  });
});
