// `tokens import` reads the whole file on every store, every time: the same files imported through the CLI's
// run() 50 times on SQLite and on PostgreSQL leave identical inventories. A CLI that starts reading before the
// store's transaction is ready to take the keys (a PostgreSQL BEGIN is a network round trip) loses the first
// chunks at random, and small files then fail as of unknown format.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeGeneratedPskc } from '../src/import/generate.ts';
import { bothStores } from './support/both-stores.ts';
import { cliHarness } from './support/cli-harness.ts';

const ROUNDS = 50;
const BIG_CSV_TOKENS = 2000;
const PSKC_TOKENS = 3;
const dir = mkdtempSync(join(tmpdir(), 'bizotp-import-repeat-'));
const pskFile = join(dir, 'psk.hex');
const PSK = Buffer.alloc(16, 0x5a);
writeFileSync(pskFile, `${PSK.toString('hex')}\n`);

/** Deterministic bytes, so both stores receive byte-identical files. */
function seededBytes(seed: string): (size: number) => Buffer {
  let state = createHash('sha256').update(seed).digest();
  return (size) => {
    const out: Buffer[] = [];
    let have = 0;
    while (have < size) {
      state = createHash('sha256').update(state).digest();
      out.push(state);
      have += state.length;
    }
    return Buffer.concat(out).subarray(0, size);
  };
}

function csv(serials: readonly string[]): string {
  const lines = serials.map((serial, i) => `${serial},hotp,SHA1,6,,${i},${createHash('sha1').update(serial).digest('hex')},,hw2`);
  return ['serial,type,algorithm,digits,step,counter,secret_hex,expiry,model', ...lines, ''].join('\n');
}

interface RoundFiles {
  readonly small: string;
  readonly big: string;
  readonly pskc: string;
}

/** Each round's files carry serials of their own (round r: 7rr…), so one database takes all 50 rounds. */
async function roundFiles(round: number): Promise<RoundFiles> {
  const prefix = `7${String(round).padStart(2, '0')}`;
  const small = join(dir, `small-${round}.csv`);
  const big = join(dir, `big-${round}.csv`);
  const pskc = join(dir, `keys-${round}.pskc`);
  writeFileSync(small, csv([`${prefix}00000000000`]));
  writeFileSync(big, csv(Array.from({ length: BIG_CSV_TOKENS }, (_, i) => `${prefix}1${String(i).padStart(10, '0')}`)));
  await writeGeneratedPskc(pskc, PSKC_TOKENS, { protection: { kind: 'pre-shared', key: PSK }, randomBytes: seededBytes(prefix), firstSerial: BigInt(`${prefix}20000000000`) });
  return { small, big, pskc };
}

const files: RoundFiles[] = [];
const inventories = new Map<string, string[]>();

describe('tokens import on both stores, repeated', () => {
  const stores = bothStores('cli_import_repeat');
  for (const store of stores) {
    test(`on ${store.name}, a 1-token CSV, a 2,000-token CSV and a PSKC file import completely in each of ${ROUNDS} rounds`, async () => {
      while (files.length < ROUNDS) files.push(await roundFiles(files.length));
      const cli = cliHarness(store.name === 'SQLite' ? undefined : await store.url());
      try {
        for (const [round, f] of files.entries()) {
          for (const [file, count, extra] of [[f.small, 1, ['--allow-plaintext']], [f.big, BIG_CSV_TOKENS, ['--allow-plaintext']], [f.pskc, PSKC_TOKENS, ['--psk-file', pskFile]]] as const) {
            const r = await cli.run(['tokens', 'import', file, ...extra]);
            assert.equal(r.code, 0, `round ${round}, ${file}: ${r.stderr}`);
            assert.equal(r.stdout.trim(), `${count}件のトークンを取り込みました。`);
          }
        }
        const deps = await cli.deps();
        const inventory: string[] = [];
        for (let page = await deps.store.transaction((tx) => tx.tokens.list({ limit: 5000 })); page.length > 0;) {
          inventory.push(...page.map((t) => [t.serial, t.model, t.status, JSON.stringify(t.params), t.counter, t.expiresAtMs].join(' ')));
          const last = page.at(-1)?.serial;
          page = await deps.store.transaction((tx) => tx.tokens.list({ limit: 5000, ...(last === undefined ? {} : { afterSerial: last }) }));
        }
        assert.equal(inventory.length, ROUNDS * (1 + BIG_CSV_TOKENS + PSKC_TOKENS));
        inventories.set(store.name, inventory);
      } finally {
        await cli.close();
      }
    });
  }

  test('the inventories on SQLite and PostgreSQL are identical', { skip: stores.length < 2 && 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {
    assert.equal(inventories.size, 2);
    assert.deepEqual(inventories.get('PostgreSQL'), inventories.get('SQLite'));
  });
});
