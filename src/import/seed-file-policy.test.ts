// What parseSeedFile (every operator import) refuses or warns about beyond a file's form: pre-RFC drafts and
// other namespaces by name, files that would import nothing, plaintext unless allowed, weak PBKDF2.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePskc } from './generate.ts';
import type { ImportWarning } from './import-warning.ts';
import { parseSeedFile } from './parse-seed-file.ts';
import { chunks, collect, failure, fixture, FIGURE6_KEY, seededRandom } from './test-support.ts';

const CSV_HEADER = 'serial,type,algorithm,digits,step,counter,secret_hex,expiry,model\n';
const SECRET_HEX = '3132333435363738393031323334353637383930';

function pbkdf2File(iterations: number): AsyncGenerator<string> {
  return generatePskc(2, { protection: { kind: 'pbkdf2', passphrase: 'correct horse', salt: Buffer.alloc(16, 3), iterations }, randomBytes: seededRandom(`pbkdf2-${iterations}`) });
}

describe('parseSeedFile refuses files of another time or format by name', () => {
  it('refuses a pre-RFC draft with <Device> elements as pre_rfc_format, naming the Device element', async () => {
    const error = await failure(parseSeedFile(fixture('pskc/draft-device.pskc'), { allowPlaintext: true }));
    assert.equal(error.code, 'pre_rfc_format');
    assert.match(error.message, /^RFC 6030 より前の形式（Device要素/);
  });

  it('refuses a draft namespace as pre_rfc_format, naming the namespace', async () => {
    const error = await failure(parseSeedFile(fixture('pskc/draft-namespace.pskc'), { allowPlaintext: true }));
    assert.equal(error.code, 'pre_rfc_format');
    assert.ok(error.message.includes('urn:ietf:params:xml:ns:keyprov:pskc:1.0'), error.message);
  });

  it('refuses a KeyContainer in an unknown namespace as unknown_namespace, naming it', async () => {
    const error = await failure(parseSeedFile(chunks('<KeyContainer Version="1.0" xmlns="urn:example:vendor:keys"><KeyPackage/></KeyContainer>')));
    assert.equal(error.code, 'unknown_namespace');
    assert.ok(error.message.includes('urn:example:vendor:keys'), error.message);
  });
});

describe('parseSeedFile never ends with nothing imported', () => {
  it('refuses an empty KeyContainer, a file of PIN packages only, and a CSV of only its header as no_tokens', async () => {
    const pinOnly = '<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"><KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:pin"/></KeyPackage></KeyContainer>';
    for (const input of ['<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"/>', pinOnly, CSV_HEADER]) {
      assert.equal((await failure(parseSeedFile(chunks(input), { allowPlaintext: true }))).code, 'no_tokens', input);
    }
  });
});

describe('parseSeedFile imports unencrypted secrets only when the operator allowed plaintext', () => {
  it('refuses a PSKC file with PlainValue secrets without allowPlaintext, and imports it with', async () => {
    const refused = await failure(parseSeedFile(fixture('pskc/rfc6030-figure3.pskc')));
    assert.deepEqual([refused.code, refused.position.keyPackage], ['plaintext_not_allowed', 1]);
    assert.equal((await collect(parseSeedFile(fixture('pskc/rfc6030-figure3.pskc'), { allowPlaintext: true }))).length, 1);
  });

  it('refuses every CSV file without allowPlaintext, since CSV carries secrets in clear', async () => {
    assert.equal((await failure(parseSeedFile(fixture('csv/good-hex.csv')))).code, 'plaintext_not_allowed');
    assert.equal((await collect(parseSeedFile(fixture('csv/good-hex.csv'), { allowPlaintext: true }))).length, 5);
  });

  it('imports an encrypted file without allowPlaintext', async () => {
    assert.equal((await collect(parseSeedFile(fixture('pskc/rfc6030-figure6.pskc'), { preSharedKey: FIGURE6_KEY }))).length, 1);
  });
});

describe('parseSeedFile and the PBKDF2 iteration count (RFC 6030 §6.2)', () => {
  it('refuses fewer than 1,000 iterations as weak_pbkdf2', async () => {
    for (const iterations of [1, 999]) {
      assert.equal((await failure(parseSeedFile(pbkdf2File(iterations), { passphrase: 'correct horse' }))).code, 'weak_pbkdf2', String(iterations));
    }
  });

  it('imports 1,000 to 99,999 iterations with a warning, and 100,000 without one', async () => {
    const warnings: ImportWarning[] = [];
    const onWarning = (w: ImportWarning): void => void warnings.push(w);
    assert.equal((await collect(parseSeedFile(pbkdf2File(1_000), { passphrase: 'correct horse', onWarning }))).length, 2);
    assert.deepEqual(warnings.map((w) => w.code), ['pbkdf2_few_iterations']);
    assert.match(warnings[0]?.message ?? '', /1,000回/);
    warnings.length = 0;
    assert.equal((await collect(parseSeedFile(pbkdf2File(100_000), { passphrase: 'correct horse', onWarning }))).length, 2);
    assert.deepEqual(warnings, []);
  });
});

describe('parseSeedFile and counters the inventory cannot store', () => {
  it('refuses a CSV HOTP counter of 2^63 with its line number', async () => {
    const error = await failure(parseSeedFile(chunks(`${CSV_HEADER}50000000000001,hotp,SHA1,6,,9223372036854775808,${SECRET_HEX},,\n`), { allowPlaintext: true }));
    assert.deepEqual([error.code, error.position.line], ['bad_counter', 2]);
  });
});
