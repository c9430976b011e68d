// The dry run of importTokens: reads a whole seed file through the same parser (MAC checks, duplicate
// serials within the file, every key rule) and asks the inventory which serials it already holds, writing
// nothing. What a staff member checks before the all-or-nothing import (シードファイル取込 確認).

import type { DomainDeps } from './deps.ts';
import type { IncomingToken } from './import-tokens.ts';

export interface ImportPreview {
  readonly count: number;
  /** Smallest and largest serial (bytewise, as the inventory sorts them); null for an empty file. */
  readonly firstSerial: string | null;
  readonly lastSerial: string | null;
  /** `TOTP SHA1` / `HOTP SHA256`, each kind found once, sorted. */
  readonly algorithms: readonly string[];
  readonly digits: readonly number[];
  /** TOTP steps in seconds. */
  readonly periods: readonly number[];
  readonly hotpCount: number;
  readonly earliestExpiryMs: number | null;
  readonly latestExpiryMs: number | null;
  readonly withoutExpiry: number;
  /** Serials of the file the inventory already holds (the import would refuse the file); at most 100. */
  readonly alreadyStored: readonly string[];
  readonly alreadyStoredCount: number;
  /** The contract to issue to, when one was given and it does not exist. */
  readonly contractMissing: boolean;
}

const BATCH = 500;
const MAX_LISTED = 100;

/** Throws what the parser throws (ImportError): the file would be refused as a whole. */
export async function previewImport(deps: DomainDeps, keys: AsyncIterable<IncomingToken>, contractId: string | null): Promise<ImportPreview> {
  const algorithms = new Set<string>();
  const digits = new Set<number>();
  const periods = new Set<number>();
  let count = 0;
  let hotpCount = 0;
  let withoutExpiry = 0;
  let firstSerial: string | null = null;
  let lastSerial: string | null = null;
  let earliestExpiryMs: number | null = null;
  let latestExpiryMs: number | null = null;
  const alreadyStored: string[] = [];
  let alreadyStoredCount = 0;
  let batch: string[] = [];
  // Short read-only transactions, one batch each: the preview never holds the inventory for a whole file.
  const check = async (): Promise<void> => {
    const serials = batch;
    batch = [];
    const found = await deps.store.transaction((tx) => tx.tokens.existingSerials(serials));
    alreadyStoredCount += found.length;
    alreadyStored.push(...found.slice(0, MAX_LISTED - alreadyStored.length));
  };
  for await (const key of keys) {
    key.secret.fill(0); // the preview needs no secret: wipe it at once
    count++;
    const p = key.params;
    algorithms.add(`${p.type.toUpperCase()} ${p.algorithm}`);
    digits.add(p.digits);
    if (p.type === 'totp') periods.add(p.stepSeconds);
    else hotpCount++;
    if (firstSerial === null || key.serial < firstSerial) firstSerial = key.serial;
    if (lastSerial === null || key.serial > lastSerial) lastSerial = key.serial;
    if (key.expiresAtMs === null) withoutExpiry++;
    else {
      if (earliestExpiryMs === null || key.expiresAtMs < earliestExpiryMs) earliestExpiryMs = key.expiresAtMs;
      if (latestExpiryMs === null || key.expiresAtMs > latestExpiryMs) latestExpiryMs = key.expiresAtMs;
    }
    batch.push(key.serial);
    if (batch.length >= BATCH) await check();
  }
  if (batch.length > 0) await check();
  const contractMissing = contractId !== null && (await deps.store.transaction((tx) => tx.contracts.get(contractId))) === undefined;
  return {
    count,
    firstSerial,
    lastSerial,
    algorithms: [...algorithms].sort(),
    digits: [...digits].sort((a, b) => a - b),
    periods: [...periods].sort((a, b) => a - b),
    hotpCount,
    earliestExpiryMs,
    latestExpiryMs,
    withoutExpiry,
    alreadyStored: alreadyStored.sort(),
    alreadyStoredCount,
    contractMissing,
  };
}
