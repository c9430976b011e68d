// Runs `bizotp tokens import` in a process of its own and reports its wall time and peak memory (maxRSS),
// so the parent's memory does not count.

import { randomBytes } from 'node:crypto';
import { runCli } from '../src/cli/run-cli.ts';
import type { DomainDeps } from '../src/domain/deps.ts';
import { createKeyring } from '../src/domain/secret-box.ts';
import { openStore } from '../src/store/open-store.ts';

const [file, pskFile, dbUrl] = process.argv.slice(2) as [string, string, string];
let deps: DomainDeps | undefined;
const start = performance.now();
const code = await runCli(['tokens', 'import', file, '--psk-file', pskFile], {
  io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  config: () => {
    throw new Error('unused');
  },
  open: async () => (deps ??= { store: await openStore(dbUrl), keyring: createKeyring(randomBytes(32)), now: () => Date.now(), hashCost: { memoryKiB: 1024, passes: 1, parallelism: 1 } }),
  serve: async () => {},
});
const seconds = (performance.now() - start) / 1000;
await deps?.store.close();
process.stdout.write(`${JSON.stringify({ code, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
