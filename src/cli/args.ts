// Argument parsing for every command, on node:util's parseArgs: unknown options and missing values are
// usage errors with a Japanese message, never a stack trace.

import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export class UsageError extends Error {}

export function parseCommandArgs(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UsageError(`引数が正しくありません: ${(err as Error).message}`);
  }
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireOption(parsed: Parsed, name: string): string {
  const v = stringOption(parsed, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} を指定してください。`);
  return v;
}
