// Secrets never come from argv (ASVS 4.0.3 8.3.1: argv is visible to every user of the machine); the CLI
// reads them from standard input, one per line, or from a file named by an option.

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CliIo } from './context.ts';

/** Reads `labels.length` lines from stdin, prompting on stderr when stdin is a terminal. */
export async function readLines(io: CliIo, labels: readonly string[]): Promise<string[]> {
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines: string[] = [];
  const it = rl[Symbol.asyncIterator]();
  try {
    for (const label of labels) {
      if (io.stdin.isTTY === true) io.stderr.write(`${label}: `);
      const next = await it.next();
      if (next.done === true) break;
      lines.push(String(next.value).replace(/\r$/, ''));
    }
  } finally {
    rl.close();
  }
  return lines;
}

export async function readSecretFile(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
}
