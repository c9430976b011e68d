import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { writeGeneratedPskc } from './generate.ts';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { parseSeedFile, type SeedFileOptions } from './parse-seed-file.ts';
import { SEED_BATCH_KEYS } from './seed-file-thread-protocol.ts';
import { parseSeedFileOnThread } from './seed-file-thread.ts';
import { collect, failure, seededRandom } from './test-support.ts';

const PSK = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
// More keys than three batches, and not a multiple of a batch: the last batch is a short one.
const COUNT = SEED_BATCH_KEYS * 3 + 17;

const plain = (key: ImportedKey): unknown => ({ ...key, secret: key.secret.toString('hex') });

describe('parseSeedFileOnThread', () => {
  let dir = '';
  let file = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizotp-seed-thread-'));
    file = join(dir, 'keys.pskc');
    await writeGeneratedPskc(file, COUNT, { protection: { kind: 'pre-shared', key: PSK }, randomBytes: seededRandom('thread') });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('yields every key of the file exactly as parseSeedFile does on the calling thread, secrets included', async () => {
    const here = (await collect(parseSeedFile(createReadStream(file), { preSharedKey: PSK }))).map(plain);
    const seen: number[] = [];
    const there: unknown[] = [];
    for await (const key of parseSeedFileOnThread(file, { preSharedKey: PSK }, { onBytes: (n) => seen.push(n) })) there.push(plain(key));
    assert.equal(there.length, COUNT);
    assert.deepEqual(there, here);
    const size = (await readFile(file)).length;
    assert.equal(seen.length, 4, 'one report a batch');
    assert.deepEqual([...seen].sort((a, b) => a - b), seen, 'bytes read only grow');
    assert.equal(seen.at(-1), size);
  });

  it('gives the caller the pre-shared key back untouched: the thread works on a copy', async () => {
    const key = Buffer.from(PSK);
    await collect(parseSeedFileOnThread(file, { preSharedKey: key }));
    assert.deepEqual(key, PSK);
  });

  it('zeroes a batch\'s secrets once the caller has moved past that batch', async () => {
    let first: Buffer | undefined;
    let firstHex = '';
    let n = 0;
    for await (const key of parseSeedFileOnThread(file, { preSharedKey: PSK })) {
      if (n === 0) {
        first = key.secret;
        firstHex = key.secret.toString('hex');
      }
      n += 1;
      if (n === SEED_BATCH_KEYS + 1) break; // the first key of the second batch
    }
    assert.notEqual(firstHex, '0'.repeat(firstHex.length));
    assert.ok(first?.every((b) => b === 0), 'the first batch\'s secrets are wiped');
  });

  it('refuses with the parser\'s own ImportError, class, code, position and message, after keys were already yielded', async () => {
    // The MAC of a key in the third batch is changed: the keys before it have been handed out already.
    const text = await readFile(file, 'utf8');
    const bad = join(dir, 'bad-mac.pskc');
    let seen = 0;
    await writeFile(bad, text.replace(/<(\w+:)?ValueMAC>([A-Za-z0-9+/])/g, (whole, prefix: string | undefined, c: string) => {
      seen += 1;
      return seen === SEED_BATCH_KEYS * 2 + 5 ? `<${prefix ?? ''}ValueMAC>${c === 'A' ? 'B' : 'A'}` : whole;
    }));
    const expected = await failure(parseSeedFile(createReadStream(bad), { preSharedKey: PSK }));
    let yielded = 0;
    const got = await failure((async function* () {
      for await (const key of parseSeedFileOnThread(bad, { preSharedKey: PSK })) {
        yielded += 1;
        yield key;
      }
    })());
    assert.ok(got instanceof ImportError);
    assert.equal(got.code, 'mac_mismatch');
    assert.deepEqual(got.position, expected.position);
    assert.equal(got.message, expected.message);
    // Whole batches only: keys parsed but not yet posted when the parser throws are dropped with the file.
    assert.ok(yielded >= SEED_BATCH_KEYS && yielded < SEED_BATCH_KEYS * 2 + 5, `keys came before the refusal (${yielded})`);
  });

  it('tells the parser\'s warnings on the calling thread in file order among the keys, as parseSeedFile does', async () => {
    const weak = join(dir, 'weak.pskc');
    await writeGeneratedPskc(weak, 3, { protection: { kind: 'pbkdf2', passphrase: 'pass', salt: Buffer.from('salt-123'), iterations: 1000 }, randomBytes: seededRandom('w') });
    // A signed file read without a signer: its warning is raised at ds:Signature, while the chunk that holds
    // the keys is read, so before they are yielded.
    const signed = fileURLToPath(new URL('../../fixtures/pskc/signed-hotp.pskc', import.meta.url));
    const cases: [string, SeedFileOptions, string[]][] = [
      [weak, { passphrase: 'pass' }, ['pbkdf2_few_iterations', 'key', 'key', 'key']],
      [signed, { preSharedKey: Buffer.from('42424242424242424242424242424242', 'hex') }, ['signature_not_verified', 'key', 'key', 'key']],
    ];
    for (const [path, opts, expected] of cases) {
      const sequence = async (keys: (o: SeedFileOptions) => AsyncIterable<ImportedKey>): Promise<string[]> => {
        const seen: string[] = [];
        for await (const _key of keys({ ...opts, onWarning: (w) => seen.push(w.code) })) seen.push('key');
        return seen;
      };
      const here = await sequence((o) => parseSeedFile(createReadStream(path), o));
      assert.deepEqual(here, expected, path);
      assert.deepEqual(await sequence((o) => parseSeedFileOnThread(path, o)), here, path);
      // Without a listener the warnings are passed over, and every key still comes (the console's preview).
      assert.equal((await collect(parseSeedFileOnThread(path, opts))).length, 3, path);
    }
  });

  it('tells the warnings raised before a refusal, then refuses', async () => {
    const text = await readFile(join(dir, 'weak.pskc'), 'utf8');
    const bad = join(dir, 'weak-bad-mac.pskc');
    await writeFile(bad, text.replace(/<ValueMAC>([A-Za-z0-9+/])/, (_whole, c: string) => `<ValueMAC>${c === 'A' ? 'B' : 'A'}`));
    const warnings: string[] = [];
    const err = await failure(parseSeedFileOnThread(bad, { passphrase: 'pass', onWarning: (w) => warnings.push(w.code) }));
    assert.equal(err.code, 'mac_mismatch');
    assert.deepEqual(warnings, ['pbkdf2_few_iterations']);
  });

  it('checks the SHA-256 of the bytes it read when asked: the same file passes, a changed one throws after its last key', async () => {
    const sha256 = createHash('sha256').update(await readFile(file)).digest('hex');
    assert.equal((await collect(parseSeedFileOnThread(file, { preSharedKey: PSK }, { expectedSha256: sha256 }))).length, COUNT);
    await assert.rejects(collect(parseSeedFileOnThread(file, { preSharedKey: PSK }, { expectedSha256: '0'.repeat(64) })), (err: Error) => {
      assert.ok(!(err instanceof ImportError), 'not a refusal of the file: a failure of the import');
      assert.match(err.message, /changed after its preview/);
      return true;
    });
  });

  it('reports a file it cannot open as the error fs gave, with its code', async () => {
    await assert.rejects(collect(parseSeedFileOnThread(join(dir, 'missing.pskc'))), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
  });

  it('refuses an empty file as unknown_format, as parseSeedFile does', async () => {
    const empty = join(dir, 'empty.pskc');
    await writeFile(empty, '');
    assert.equal((await failure(parseSeedFileOnThread(empty))).code, 'unknown_format');
  });

  it('ends its thread when the caller stops early, and zeroes every batch it was sent, taken or not', async () => {
    const batches: ArrayBuffer[] = [];
    const exits: Promise<number>[] = [];
    let secondBatch: () => void = () => {};
    const twoBatches = new Promise<void>((resolve) => (secondBatch = resolve));
    const track = (worker: Worker): void => {
      exits.push(new Promise((resolve) => worker.once('exit', resolve)));
      worker.on('message', (message: { kind: string; secrets?: ArrayBuffer }) => {
        if (message.kind === 'keys' && message.secrets !== undefined) batches.push(message.secrets);
        if (batches.length >= 2) secondBatch();
      });
    };
    process.on('worker', track);
    try {
      await assert.rejects(async () => {
        for await (const _key of parseSeedFileOnThread(file, { preSharedKey: PSK })) {
          // The first key of the first batch: a second batch has come meanwhile, and waits untaken.
          await twoBatches;
          throw new Error('the caller gives up');
        }
      }, /the caller gives up/);
    } finally {
      process.off('worker', track);
    }
    assert.equal(exits.length, 1);
    // Resolved already: the generator's return waited for the thread to end.
    assert.equal(await Promise.race([exits[0], Promise.resolve('running')]), 0);
    assert.ok(batches.length >= 2, `batches were waiting (${batches.length})`);
    for (const [i, secrets] of batches.entries()) assert.ok(new Uint8Array(secrets).every((b) => b === 0), `batch ${i} wiped`);
  });
});
