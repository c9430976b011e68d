import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat } from './detect.ts';
import { parseSeedFile } from './parse-seed-file.ts';
import { chunks, collect, failure, fixture, FIGURE6_KEY } from './test-support.ts';

describe('detectFormat', () => {
  const table = [
    ['<?xml version="1.0"?>', 'pskc'],
    ['\uFEFF  \r\n<KeyContainer', 'pskc'],
    [Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), 'pskc'],
    ['serial,type,algorithm', 'csv'],
    ['\n\nSERIAL,', 'csv'],
    [' \n\t', null],
  ] as const;
  for (const [head, format] of table) {
    it(`reads ${JSON.stringify(head.toString())} as ${format ?? 'undecided (needs more bytes)'}`, () => {
      assert.equal(detectFormat(head), format);
    });
  }

  it('refuses a file that starts with neither "<" nor a letter, such as UTF-16 text or binary data', () => {
    assert.throws(() => detectFormat(Buffer.from([0xff, 0xfe, 0x3c, 0x00])), { code: 'unknown_format' });
    assert.throws(() => detectFormat(Buffer.from([0x00, 0x01, 0x02])), { code: 'unknown_format' });
  });
});

describe('parseSeedFile', () => {
  it('sends a PSKC file to the PSKC parser with the given key', async () => {
    const keys = await collect(parseSeedFile(fixture('pskc/rfc6030-figure6.pskc', 1), { preSharedKey: FIGURE6_KEY }));
    assert.deepEqual(keys.map((k) => k.serial), ['987654321']);
  });

  it('sends a CSV file to the CSV parser, even when it starts with blank chunks', async () => {
    async function* input(): AsyncGenerator<string> {
      yield '\n';
      yield '  \n';
      for await (const chunk of fixture('csv/good-hex.csv')) yield chunk.toString();
    }
    assert.equal((await collect(parseSeedFile(input(), { allowPlaintext: true }))).length, 5);
  });

  it('refuses an empty or blank input as an unknown format', async () => {
    assert.equal((await failure(parseSeedFile(chunks('   \n')))).code, 'unknown_format');
  });
});
