// Runs `bizotp` commands in-process against a temp SQLite database, with standard input given as text
// and the output captured, the way an operator's terminal would see it.

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliContext } from '../../src/cli/context.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import type { Config } from '../../src/config.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { deriveAuditKeys } from '../../src/domain/audit-keys.ts';
import { createKeyring } from '../../src/domain/secret-box.ts';
import { openStore } from '../../src/store/open-store.ts';
import { LIGHT_HASH_COST, START_MS } from './domain-setup.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliHarness {
  run(argv: string[], stdin?: string): Promise<CliRun>;
  deps(): Promise<DomainDeps>;
  readonly dbPath: string;
  readonly config: Config;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** `databaseUrl`: a PostgreSQL URL (see support/postgres.ts); default a SQLite file in a new temp directory. */
export function cliHarness(databaseUrl?: string): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-cli-'));
  const masterKey = randomBytes(32);
  const config: Config = { databaseUrl: databaseUrl ?? join(dir, 'db.sqlite'), masterKey, previousMasterKeys: [], devKeyPath: null, port: 0, host: '127.0.0.1', dataDir: dir, secureCookies: false, trustedProxies: [] };
  let nowMs = START_MS;
  let opened: DomainDeps | undefined;
  const open = async (): Promise<DomainDeps> =>
    (opened ??= { store: await openStore(config.databaseUrl, { auditKeys: deriveAuditKeys(masterKey) }), keyring: createKeyring(masterKey), now: () => nowMs, hashCost: LIGHT_HASH_COST });
  return {
    async run(argv, stdin = '') {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      stdout.on('data', (c: Buffer) => out.push(c));
      stderr.on('data', (c: Buffer) => err.push(c));
      const ctx: CliContext = {
        io: { stdin: Readable.from([stdin]), stdout, stderr },
        config: () => config,
        open,
        serve: async () => {
          throw new Error('not in tests');
        },
      };
      const code = await runCli(argv, ctx);
      return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
    },
    deps: open,
    dbPath: config.databaseUrl,
    config,
    advance(ms) {
      nowMs += ms;
    },
    close: async () => opened?.store.close(),
  };
}
