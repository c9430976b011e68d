// The one-statement path for a code that is right (the hot path, bank-verify.ts): the token's row was read
// with its registration, without a lock; the code is checked against that row, and when it is accepted,
// ONE conditional UPDATE (consumeIfUsable) re-checks in the database, under the row lock, everything the
// reservation of use-token.ts checks (status, failures below the maximum, contract) and consumes the counter
// unless it or a later one was consumed meanwhile. Every other case — a wrong code, a replay, a token
// locked, expired or changed since the read — takes the reserving path of use-token.ts from the start, so
// the answer to any code that is not accepted is still given only under a reserved attempt, and at most
// the maximum of wrong codes is ever answered (RFC 4226 §7.3).

import { hmacKey } from '../otp/hotp.ts';
import { verifyInWindow } from '../otp/verify-window.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { Keyring } from './secret-box.ts';
import type { StoreTx } from './store-ports.ts';
import type { TokenRecord } from './token.ts';
import { codeWindow } from './token-window.ts';
import { useTokenCode, type TokenUse, type TokenUseRequest } from './use-token.ts';

export async function useReadTokenCode(tx: StoreTx, keyring: Keyring, nowMs: number, req: TokenUseRequest, read: TokenRecord | undefined): Promise<TokenUse> {
  const usable = read !== undefined && read.serial === req.serial && req.statuses.includes(read.status)
    && read.consecutiveFailures < MAX_CONSECUTIVE_OTP_FAILURES
    && (req.contractId === undefined || read.contractId === req.contractId)
    && (read.expiresAtMs === null || nowMs < read.expiresAtMs);
  if (usable) {
    const window = codeWindow(read, nowMs, req.purpose);
    const result = verifyInWindow({
      key: hmacKey(keyring.open(read.serial, read.sealed)),
      algorithm: read.params.algorithm,
      digits: read.params.digits,
      code: req.code,
      first: window.first,
      last: window.last,
      lastConsumed: read.lastCounter,
    });
    if (result.kind === 'accepted') {
      const drift = read.params.type === 'totp' ? Number(result.counter - window.expected) : 0;
      if (await tx.tokens.consumeIfUsable(read.serial, req.statuses, MAX_CONSECUTIVE_OTP_FAILURES, result.counter, drift, nowMs, req.contractId)) {
        return { kind: 'accepted', serial: read.serial, counter: result.counter, drift };
      }
    }
  }
  return useTokenCode(tx, keyring, nowMs, req);
}
