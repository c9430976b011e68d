// The one-statement path for a code that is right (the hot path, bank-verify.ts): the token's row was read
// with its registration, without a lock; the code is checked against that row, and when it is accepted,
// ONE conditional UPDATE (consumeIfUsable) re-checks in the database, under the row lock, everything the
// reservation of use-token.ts checks (status, failures below the maximum, contract) and consumes the counter
// unless it or a later one was consumed meanwhile. Every other case — a wrong code, a replay, a token
// locked, expired or changed since the read — takes the reserving path of use-token.ts from the start, so
// the answer to any code that is not accepted is still given only under a reserved attempt, and at most
// the maximum of wrong codes is ever answered (RFC 4226 §7.3).

import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { Keyring } from './secret-box.ts';
import type { StoreTx } from './store-ports.ts';
import type { TokenRecord } from './token.ts';
import { checkCode, touchSoftToken, useTokenCode, type TokenUse, type TokenUseRequest } from './use-token.ts';

/** Whether a token row read without a lock may take a one-statement consumption (also bank-verify-fast.ts). */
export function usableAsRead(read: TokenRecord | undefined, req: TokenUseRequest, nowMs: number): read is TokenRecord {
  return read !== undefined && read.serial === req.serial && req.statuses.includes(read.status)
    && read.consecutiveFailures < MAX_CONSECUTIVE_OTP_FAILURES
    && (req.contractId === undefined || read.contractId === req.contractId)
    && (read.expiresAtMs === null || nowMs < read.expiresAtMs);
}

export async function useReadTokenCode(tx: StoreTx, keyring: Keyring, nowMs: number, req: TokenUseRequest, read: TokenRecord | undefined): Promise<TokenUse> {
  if (usableAsRead(read, req, nowMs)) {
    const result = checkCode(keyring, read, nowMs, req);
    if (result.kind === 'accepted') {
      if (await tx.tokens.consumeIfUsable(read.serial, req.statuses, MAX_CONSECUTIVE_OTP_FAILURES, result.counter, result.drift, nowMs, req.contractId)) {
        await touchSoftToken(tx, read, nowMs);
        return { kind: 'accepted', serial: read.serial, counter: result.counter, drift: result.drift };
      }
    }
  }
  return useTokenCode(tx, keyring, nowMs, req);
}
