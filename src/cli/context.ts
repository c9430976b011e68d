// What every command is handed: its input and output streams and a way to open the system's
// dependencies (only commands that need the database open it).

import type { Readable, Writable } from 'node:stream';
import type { Config } from '../config.ts';
import type { DomainDeps } from '../domain/deps.ts';

export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
}

export interface CliContext {
  readonly io: CliIo;
  readonly config: () => Config;
  /**
   * Opens the store once. Only `migrate`, `start` (the demo) and `demo` pass `{ migrate: true }`; every other
   * command refuses a database whose schema is behind the code (migrations run only through `bizotp migrate`).
   */
  readonly open: (options?: { readonly migrate?: boolean }) => Promise<DomainDeps>;
  /** Starts the web server and resolves when it is listening; it runs until the process ends. */
  readonly serve: (deps: DomainDeps) => Promise<void>;
}

export type Command = (args: string[], ctx: CliContext) => Promise<number>;

export const EXIT_OK = 0;
/** A check that said no: a rejected OTP, a failed verification. */
export const EXIT_REJECTED = 1;
/** Bad input or usage. */
export const EXIT_USAGE = 2;

export const BANK_ACTOR = { actor: 'bank:cli', ip: 'cli' } as const;

export function say(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Says `text` and gives back `exitCode`, for the one-line answers of commands. */
export function answer(stream: Writable, text: string, exitCode: number): number {
  say(stream, text);
  return exitCode;
}
