import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatePskc, writeGeneratedPskc } from './generate.ts';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { parsePskc } from './pskc.ts';
import { chunks, collect, FIGURE6_KEY, seededRandom } from './test-support.ts';

const PBKDF2 = { kind: 'pbkdf2', passphrase: 'bench', salt: Buffer.from('salt-123'), iterations: 1000 } as const;

async function text(parts: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const part of parts) all += part;
  return all;
}

describe('generatePskc', () => {
  it('writes plaintext secrets that read back byte for byte', async () => {
    const keys = await collect(parsePskc(generatePskc(3, { protection: { kind: 'plain' }, randomBytes: seededRandom('p') })));
    const again = seededRandom('p');
    assert.deepEqual(keys.map((k) => k.secret), [again(20), again(20), again(20)]);
    assert.deepEqual(keys.map((k) => k.serial), ['90000000000000', '90000000000001', '90000000000002']);
  });

  it('streams 20,000 PBKDF2-encrypted tokens from the generator into the parser with unique serials and valid MACs', async () => {
    let count = 0;
    const secrets = new Set<string>();
    let last: ImportedKey | undefined;
    for await (const key of parsePskc(generatePskc(20_000, { protection: PBKDF2, randomBytes: seededRandom('20k') }), { passphrase: 'bench' })) {
      count += 1;
      secrets.add(key.secret.toString('hex'));
      last = key;
    }
    assert.equal(count, 20_000);
    assert.equal(secrets.size, 20_000);
    assert.equal(last?.serial, '90000000019999');
  });

  it('writes a file with writeGeneratedPskc that parsePskc reads back with the pre-shared key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizotp-import-'));
    try {
      const path = join(dir, 'tokens.pskc');
      const params = { type: 'hotp', algorithm: 'SHA256', digits: 8 } as const;
      await writeGeneratedPskc(path, 50, { protection: { kind: 'pre-shared', key: FIGURE6_KEY }, randomBytes: seededRandom('f'), params, model: 'hw3', firstSerial: 7n });
      const keys = await collect(parsePskc(createReadStream(path), { preSharedKey: FIGURE6_KEY }));
      assert.equal(keys.length, 50);
      assert.deepEqual([keys[0]?.serial, keys[0]?.params, keys[0]?.model, keys[0]?.secret.length], ['7', params, 'hw3', 32]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parsePskc streaming', () => {
  it('yields the first key before the rest of the file has arrived', async () => {
    const whole = await text(generatePskc(2, { protection: { kind: 'plain' }, randomBytes: seededRandom('s') }));
    const cut = whole.indexOf('</KeyPackage>') + '</KeyPackage>'.length;
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    async function* input(): AsyncGenerator<string> {
      yield whole.slice(0, cut);
      await gate; // the rest arrives only once the first key came out
      yield whole.slice(cut);
    }
    const keys = parsePskc(input());
    const first = await Promise.race([keys.next(), new Promise((_, reject) => setTimeout(() => reject(new Error('parser waited for the whole file')), 2000))]);
    assert.equal((first as IteratorResult<ImportedKey>).value?.serial, '90000000000000');
    release();
    assert.equal((await collect(keys)).length, 1);
  });

  it('throws a MAC mismatch in the last KeyPackage only after yielding the earlier keys, so callers must roll back', async () => {
    const whole = await text(generatePskc(3, { protection: { kind: 'pre-shared', key: FIGURE6_KEY }, randomBytes: seededRandom('m') }));
    const lastMac = whole.lastIndexOf('<ValueMAC>') + '<ValueMAC>'.length;
    const tampered = whole.slice(0, lastMac) + (whole[lastMac] === 'A' ? 'B' : 'A') + whole.slice(lastMac + 1);
    const yielded: string[] = [];
    const error = await (async () => {
      try {
        for await (const key of parsePskc(chunks(tampered, 100), { preSharedKey: FIGURE6_KEY })) yielded.push(key.serial);
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(error instanceof ImportError);
    assert.deepEqual([error.code, error.position.keyPackage, yielded.length], ['mac_mismatch', 3, 2]);
  });

  it('parses 100,000 encrypted tokens inside a 32 MB heap, so memory does not grow with the file', () => {
    // A parser that kept the document or the keys would need far more: the XML alone is ~70 MB.
    const here = new URL('.', import.meta.url).href;
    const script = `
      import { generatePskc } from '${here}generate.ts';
      import { parsePskc } from '${here}pskc.ts';
      import { randomBytes } from 'node:crypto';
      let n = 0;
      const gen = generatePskc(100000, { protection: { kind: 'pre-shared', key: Buffer.alloc(16, 7) }, randomBytes });
      for await (const key of parsePskc(gen, { preSharedKey: Buffer.alloc(16, 7) })) n += key.secret.length > 0 ? 1 : 0;
      console.log(n);`;
    const child = spawnSync(process.execPath, ['--max-old-space-size=32', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), '100000');
  });
});
