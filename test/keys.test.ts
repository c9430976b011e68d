// Master keys in use (`bizotp keys status`), re-sealing every secret under the current key (`keys rewrap`:
// batched, resumable, conditional on the blob read) and `serve` refusing to start while a key id in use is
// not configured. On SQLite, and on PostgreSQL when BIZOTP_TEST_POSTGRES_URL is set.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { CliContext } from '../src/cli/context.ts';
import { runCli } from '../src/cli/run-cli.ts';
import type { Config } from '../src/config.ts';
import type { DomainDeps } from '../src/domain/deps.ts';
import { keyStatus } from '../src/domain/key-status.ts';
import { rewrapAll, rewrapBatch } from '../src/domain/rewrap-secrets.ts';
import { createKeyring, keyIdOf } from '../src/domain/secret-box.ts';
import type { Store } from '../src/domain/store-ports.ts';
import { aToken } from '../src/store/conformance/fixtures.ts';
import { openStore } from '../src/store/open-store.ts';
import { LIGHT_HASH_COST, START_MS, WHO } from './support/domain-setup.ts';
import { freshPostgresDatabase, POSTGRES_URL } from './support/postgres.ts';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const SECRET = (serial: string): Buffer => Buffer.from(`secret-of-${serial}`.padEnd(20, '.'));

interface Engine {
  readonly name: string;
  readonly url: () => Promise<string>;
}

const ENGINES: Engine[] = [{ name: 'SQLite', url: async () => join(mkdtempSync(join(tmpdir(), 'bizotp-keys-')), 'db.sqlite') }];
if (POSTGRES_URL !== undefined) {
  let n = 0;
  ENGINES.push({ name: 'PostgreSQL', url: () => freshPostgresDatabase(`keys_${process.pid}_${n++}`) });
}

/** A store with `count` tokens sealed under OLD and two under NEW; deps whose current key is `current`. */
async function world(url: string, count: number): Promise<{ store: Store; deps: (current: Buffer, previous: Buffer[]) => DomainDeps }> {
  const store = await openStore(url);
  const old = createKeyring(OLD);
  const serials = Array.from({ length: count }, (_, i) => `OLD${String(i).padStart(5, '0')}`);
  await store.transaction(async (tx) => {
    await tx.tokens.insertBatch(serials.map((s) => aToken(s, { sealed: old.seal(s, SECRET(s)) })));
    await tx.tokens.insertBatch(['NEW00001', 'NEW00002'].map((s) => aToken(s, { sealed: createKeyring(NEW).seal(s, SECRET(s)) })));
  });
  return { store, deps: (current, previous) => ({ store, keyring: createKeyring(current, previous), now: () => START_MS, hashCost: LIGHT_HASH_COST }) };
}

function cli(deps: DomainDeps, current: Buffer, previous: Buffer[]): (argv: string[]) => Promise<{ code: number; stdout: string; stderr: string; served: boolean }> {
  const config: Config = { databaseUrl: ':memory:', masterKey: current, previousMasterKeys: previous, devKeyPath: null, port: 0, host: '127.0.0.1', dataDir: tmpdir(), secureCookies: true, trustedProxies: [] };
  return async (argv) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const stdout = new PassThrough().on('data', (c: Buffer) => out.push(c));
    const stderr = new PassThrough().on('data', (c: Buffer) => err.push(c));
    let served = false;
    const ctx: CliContext = {
      io: { stdin: Readable.from(['']), stdout, stderr },
      config: () => config,
      open: async () => deps,
      serve: async () => {
        served = true;
      },
    };
    const code = await runCli(argv, ctx);
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), served };
  };
}

for (const engine of ENGINES) {
  describe(`master keys on ${engine.name}`, () => {
    it('keys status counts the secrets per key id and names configured keys nothing uses', async (t) => {
      const w = await world(await engine.url(), 3);
      t.after(() => w.store.close());
      const spare = randomBytes(32);
      const status = await keyStatus(w.deps(NEW, [OLD, spare]), [NEW, OLD, spare].map(keyIdOf));
      assert.deepEqual(status.counts.map((c) => [c.kind, c.keyId, c.count]).sort(), [['token', keyIdOf(OLD), 3], ['token', keyIdOf(NEW), 2]].sort());
      assert.deepEqual(status.unused, [keyIdOf(spare)]);
      assert.deepEqual(status.missing, []);
      const run = await cli(w.deps(NEW, [OLD, spare]), NEW, [OLD, spare])(['keys', 'status']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`${keyIdOf(OLD)}\\s+token\\s+3件`));
      assert.match(run.stdout, new RegExp(`使われていない設定済みの鍵ID: ${keyIdOf(spare)}`));
    });

    it('keys rewrap re-seals every secret under the current key in batches, after which the old key can go', async (t) => {
      const w = await world(await engine.url(), 7);
      t.after(() => w.store.close());
      const deps = w.deps(NEW, [OLD]);
      const batches: number[] = [];
      const totals = await rewrapAll(deps, WHO, (b) => batches.push(b.rewrapped), 3);
      assert.deepEqual(totals, { rewrapped: 7, changed: 0 });
      assert.deepEqual(batches, [3, 3, 1], 'three short transactions of at most 3');
      const status = await keyStatus(deps, [NEW, OLD].map(keyIdOf));
      assert.deepEqual(status.unused, [keyIdOf(OLD)]);
      const newOnly = createKeyring(NEW);
      const tokens = await w.store.transaction((tx) => tx.tokens.get('OLD00006'));
      assert.deepEqual(newOnly.open('OLD00006', tokens!.sealed), SECRET('OLD00006'), 'the secret is unchanged, now under the new key alone');
      const audit = await w.store.transaction((tx) => tx.audit.entries('bank'));
      assert.equal(audit.filter((e) => e.action === 'keys.rewrap').length, 3, 'one audit entry per batch');
    });

    it('runs beside the server: codes consumed while it re-seals stay consumed, and every secret ends under the new key', async (t) => {
      const w = await world(await engine.url(), 40);
      t.after(() => w.store.close());
      const serials = Array.from({ length: 40 }, (_, i) => `OLD${String(i).padStart(5, '0')}`);
      const consumes = Promise.all(serials.map((s) => w.store.transaction((tx) => tx.tokens.consume(s, 7n, 0))));
      const [totals, consumed] = await Promise.all([rewrapAll(w.deps(NEW, [OLD]), WHO, () => {}, 5), consumes]);
      assert.deepEqual(totals, { rewrapped: 40, changed: 0 });
      assert.ok(consumed.every(Boolean));
      for (const serial of serials) {
        const token = await w.store.transaction((tx) => tx.tokens.get(serial));
        assert.equal(token?.lastCounter, 7n, `${serial} keeps its used code`);
        assert.equal(token?.sealed.keyId, keyIdOf(NEW));
      }
    });

    it('an interrupted rewrap resumes where it stopped: what is under the current key is not touched again', async (t) => {
      const w = await world(await engine.url(), 5);
      t.after(() => w.store.close());
      const deps = w.deps(NEW, [OLD]);
      const first = await rewrapBatch(deps, WHO, 'token', '', 2);
      assert.equal(first.rewrapped, 2);
      const before = await w.store.transaction((tx) => tx.tokens.get('OLD00000'));
      const rest = await rewrapAll(deps, WHO, () => {}, 2);
      assert.deepEqual(rest, { rewrapped: 3, changed: 0 });
      const after = await w.store.transaction((tx) => tx.tokens.get('OLD00000'));
      assert.deepEqual(after?.sealed, before?.sealed, 'the first batch was not sealed again');
      assert.deepEqual(await rewrapAll(deps, WHO), { rewrapped: 0, changed: 0 }, 'a third run has nothing to do');
    });

    it('a secret that changed after it was read is left alone, never overwritten with the stale copy', async (t) => {
      const w = await world(await engine.url(), 1);
      t.after(() => w.store.close());
      const [row] = await w.store.transaction((tx) => tx.sealedSecrets.notSealedUnder('token', keyIdOf(NEW), '', 10));
      assert.ok(row !== undefined);
      const reimported = createKeyring(OLD).seal(row.id, SECRET('other'));
      await w.store.transaction((tx) => tx.sealedSecrets.replace('token', row.id, row.sealed, reimported));
      const stale = createKeyring(NEW).seal(row.id, SECRET(row.id));
      assert.equal(await w.store.transaction((tx) => tx.sealedSecrets.replace('token', row.id, row.sealed, stale)), false);
      const stored = await w.store.transaction((tx) => tx.tokens.get(row.id));
      assert.deepEqual(createKeyring(OLD).open(row.id, stored!.sealed), SECRET('other'));
    });

    it('serve refuses to start while a key id in use is not configured, naming it; keys rewrap refuses too', async (t) => {
      const w = await world(await engine.url(), 2);
      t.after(() => w.store.close());
      const run = cli(w.deps(NEW, []), NEW, []);
      const served = await run(['serve']);
      assert.equal(served.code, 2);
      assert.equal(served.served, false);
      assert.match(served.stderr, new RegExp(keyIdOf(OLD)));
      const status = await run(['keys', 'status']);
      assert.equal(status.code, 1);
      assert.match(status.stdout, /未設定/);
      assert.equal((await run(['keys', 'rewrap'])).code, 1);
      assert.equal((await cli(w.deps(NEW, [OLD]), NEW, [OLD])(['serve'])).served, true, 'with the old key configured it starts');
    });
  });
}
