// Using an OTP: the one path by which any code is checked and spent, at registration, for a payment, by
// the bank systems' API and by `bizotp tokens verify`. Runs inside the caller's transaction so that the
// code is consumed in the same commit as what it authorises (ASVS 4.0.3 11.1.6).

import { hmacKey } from '../otp/hotp.ts';
import { verifyInWindow } from '../otp/verify-window.ts';
import { moveToken } from './move-token.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { Keyring } from './secret-box.ts';
import type { StoreTx } from './store-ports.ts';
import type { TokenStatus } from './token.ts';
import { codeWindow, type CodePurpose } from './token-window.ts';

export type TokenUseRejection = 'malformed' | 'invalid' | 'replayed' | 'locked' | 'expired' | 'unknown';

export type TokenUse =
  | { readonly kind: 'accepted'; readonly serial: string; readonly counter: bigint; readonly drift: number }
  | { readonly kind: 'rejected'; readonly reason: TokenUseRejection; readonly lockedNow: boolean };

export interface TokenUseRequest {
  readonly serial: string;
  readonly code: string;
  readonly purpose: CodePurpose;
  /** Statuses in which the token may be used for this purpose. */
  readonly statuses: readonly TokenStatus[];
}

function rejected(reason: TokenUseRejection, lockedNow = false): TokenUse {
  return { kind: 'rejected', reason, lockedNow };
}

export async function useTokenCode(tx: StoreTx, keyring: Keyring, nowMs: number, req: TokenUseRequest): Promise<TokenUse> {
  // RFC 4226 §7.3: the attempt is reserved (failures + 1) before the code is evaluated, in one conditional
  // UPDATE that also holds the token's row until commit, so no more than the maximum is ever evaluated,
  // whatever the number of parallel requests, sessions or server instances.
  const token = await tx.tokens.beginAttempt(req.serial, req.statuses, MAX_CONSECUTIVE_OTP_FAILURES);
  if (token === undefined) {
    const current = await tx.tokens.get(req.serial);
    if (current === undefined) return rejected('unknown');
    const exhausted = current.status === 'locked' || current.consecutiveFailures >= MAX_CONSECUTIVE_OTP_FAILURES;
    return rejected(exhausted ? 'locked' : 'unknown');
  }
  if (token.expiresAtMs !== null && nowMs >= token.expiresAtMs) return rejected('expired');

  const window = codeWindow(token, nowMs, req.purpose);
  const result = verifyInWindow({
    key: hmacKey(keyring.open(token.serial, token.sealed)),
    algorithm: token.params.algorithm,
    digits: token.params.digits,
    code: req.code,
    first: window.first,
    last: window.last,
    lastConsumed: token.lastCounter,
  });
  if (result.kind === 'accepted') {
    const drift = token.params.type === 'totp' ? Number(result.counter - window.expected) : 0;
    // Zero rows changed means another transaction consumed this counter (or a later one) first.
    if (await tx.tokens.consume(token.serial, result.counter, drift, nowMs)) {
      return { kind: 'accepted', serial: token.serial, counter: result.counter, drift };
    }
    return afterFailure(tx, token.serial, token.consecutiveFailures, 'replayed');
  }
  return afterFailure(tx, token.serial, token.consecutiveFailures, result.reason);
}

async function afterFailure(tx: StoreTx, serial: string, failures: number, reason: TokenUseRejection): Promise<TokenUse> {
  if (failures < MAX_CONSECUTIVE_OTP_FAILURES) return rejected(reason);
  const lockedNow = await moveToken(tx, serial, ['issued', 'registered'], 'locked');
  return rejected(reason, lockedNow);
}
