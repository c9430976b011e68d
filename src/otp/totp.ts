import type { KeyObject } from 'node:crypto';
import type { HmacAlgorithm } from './algorithm.ts';
import { hotp } from './hotp.ts';

export interface TotpParams {
  readonly algorithm: HmacAlgorithm;
  readonly digits: number;
  readonly stepSeconds: number;
}

/**
 * RFC 6238 §4.2: T = floor((now − T0) / X) with T0 = 0 (the Unix epoch). The time is a parameter, never
 * read here, so that tests pin it and only the composition root owns a clock. Integer BigInt arithmetic
 * keeps T exact however large the time (§4.2: T beyond 32 bits MUST be supported).
 */
export function totpStep(nowMs: number, stepSeconds: number): bigint {
  if (!Number.isSafeInteger(stepSeconds) || stepSeconds < 1) {
    throw new TypeError(`stepSeconds must be a positive integer, got ${String(stepSeconds)}`);
  }
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs) || nowMs < 0) {
    throw new RangeError(`nowMs must be a finite time at or after the epoch, got ${String(nowMs)}`);
  }
  return BigInt(Math.floor(nowMs)) / (BigInt(stepSeconds) * 1000n);
}

/** RFC 6238 §4: TOTP = HOTP(K, T). */
export function totp(key: KeyObject, nowMs: number, params: TotpParams): string {
  return hotp(key, totpStep(nowMs, params.stepSeconds), params.digits, params.algorithm);
}
