// Using an OTP: the one path by which any code is checked and spent, at registration, for a payment, by
// the bank systems' API and by `bizotp tokens verify`. Runs inside the caller's transaction so that the
// code is consumed in the same commit as what it authorises (ASVS 4.0.3 11.1.6).

import { verifyInWindow } from '../otp/verify-window.ts';
import { moveToken } from './move-token.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { Keyring } from './secret-box.ts';
import type { StoreTx } from './store-ports.ts';
import type { TokenRecord, TokenStatus } from './token.ts';
import { tokenHmacKey } from './token-key-cache.ts';
import { codeWindow, type CodePurpose } from './token-window.ts';

export type TokenUseRejection = 'malformed' | 'invalid' | 'replayed' | 'locked' | 'expired' | 'unknown';

export type TokenUse =
  | { readonly kind: 'accepted'; readonly serial: string; readonly counter: bigint; readonly drift: number }
  | { readonly kind: 'rejected'; readonly reason: TokenUseRejection; readonly lockedNow: boolean; readonly remaining?: number };

/** On a refusal that counted a wrong code: how many more wrong codes lock the token (0: it is locked now). */
export interface TriesLeft {
  readonly remaining?: number;
}

export function triesLeftOf(use: TokenUse): TriesLeft {
  return use.kind === 'rejected' && use.remaining !== undefined ? { remaining: use.remaining } : {};
}

export interface TokenUseRequest {
  readonly serial: string;
  readonly code: string;
  readonly purpose: CodePurpose;
  /** Statuses in which the token may be used for this purpose. */
  readonly statuses: readonly TokenStatus[];
  /**
   * The contract the token must be issued to. Checked by the reserving UPDATE itself, so a token moved to
   * another contract after the caller read it is refused as unknown and not touched (product.md §4).
   */
  readonly contractId?: string;
  /**
   * False where a wrong code must not count toward the token's lock: a channel anyone can reach with a
   * serial alone (the app's anonymous 利用解除), where counting would let a stranger lock the token
   * (a weaponised lockout). The caller must then bound wrong codes by a limit of its own.
   */
  readonly wrongCodesLock?: boolean;
}

function rejected(reason: TokenUseRejection, lockedNow = false, remaining?: number): TokenUse {
  return remaining === undefined ? { kind: 'rejected', reason, lockedNow } : { kind: 'rejected', reason, lockedNow, remaining };
}

export async function useTokenCode(tx: StoreTx, keyring: Keyring, nowMs: number, req: TokenUseRequest): Promise<TokenUse> {
  // RFC 4226 §7.3: the attempt is reserved (failures + 1) before the code is evaluated, in one conditional
  // UPDATE that also holds the token's row until commit, so no more than the maximum is ever evaluated,
  // whatever the number of parallel requests, sessions or server instances.
  const token = await tx.tokens.beginAttempt(req.serial, req.statuses, MAX_CONSECUTIVE_OTP_FAILURES, req.contractId);
  if (token === undefined) {
    const current = await tx.tokens.get(req.serial);
    if (current === undefined || (req.contractId !== undefined && current.contractId !== req.contractId)) return rejected('unknown');
    // The status is the one field that says "locked": the attempt that reached the maximum moved it there.
    return rejected(current.status === 'locked' ? 'locked' : 'unknown');
  }
  // Not a wrong code: an expired token is refused without counting toward its lock.
  if (token.expiresAtMs !== null && nowMs >= token.expiresAtMs) return refunded(tx, token.serial, 'expired');

  const result = checkCode(keyring, token, nowMs, req);
  if (result.kind === 'accepted') {
    // Zero rows changed means another transaction consumed this counter (or a later one) first.
    if (await tx.tokens.consume(token.serial, result.counter, result.drift, nowMs)) {
      await touchSoftToken(tx, token, nowMs);
      return { kind: 'accepted', serial: token.serial, counter: result.counter, drift: result.drift };
    }
    return refunded(tx, token.serial, 'replayed');
  }
  // product.md §4: a replay reveals nothing an attacker had not seen, so it does not count toward the lock
  // (else anyone who saw one used code could lock the user out).
  if (result.reason === 'replayed') return refunded(tx, token.serial, 'replayed');
  if (req.wrongCodesLock === false) return refunded(tx, token.serial, result.reason);
  return afterFailure(tx, token.serial, token.consecutiveFailures, result.reason);
}

/**
 * Takes back the attempt reserved above, still under its row lock: every attempt that is not a wrong code is
 * refunded, every wrong one stays counted, so at most the maximum of WRONG codes is ever evaluated.
 */
async function refunded(tx: StoreTx, serial: string, reason: TokenUseRejection): Promise<TokenUse> {
  await tx.tokens.refundAttempt(serial);
  return rejected(reason);
}

/** The wrong code that reaches the maximum moves the token to 'locked' in its own transaction. */
async function afterFailure(tx: StoreTx, serial: string, failures: number, reason: TokenUseRejection): Promise<TokenUse> {
  const remaining = Math.max(0, MAX_CONSECUTIVE_OTP_FAILURES - failures);
  if (remaining > 0) return rejected(reason, false, remaining);
  const lockedNow = await moveToken(tx, serial, ['issued', 'registered'], 'locked');
  return rejected(reason, lockedNow, remaining);
}

export type CodeCheck = { readonly kind: 'accepted'; readonly counter: bigint; readonly drift: number } | { readonly kind: 'rejected'; readonly reason: 'malformed' | 'invalid' | 'replayed' };

/** The code checked against the token's window (token-window.ts), with the TOTP drift of an accepted one. */
export function checkCode(keyring: Keyring, token: TokenRecord, nowMs: number, req: TokenUseRequest): CodeCheck {
  const window = codeWindow(token, nowMs, req.purpose);
  const result = verifyInWindow({
    key: tokenHmacKey(keyring, token.serial, token.sealed),
    algorithm: token.params.algorithm,
    digits: token.params.digits,
    code: req.code,
    first: window.first,
    last: window.last,
    lastConsumed: token.lastCounter,
  });
  if (result.kind !== 'accepted') return result;
  return { kind: 'accepted', counter: result.counter, drift: token.params.type === 'totp' ? Number(result.counter - window.expected) : 0 };
}

/** A software token's last seen (the console's 最終確認): the phone showed a valid code now. */
export async function touchSoftToken(tx: StoreTx, token: TokenRecord, nowMs: number): Promise<void> {
  if (token.kind === 'software') await tx.softTokens.touch(token.serial, nowMs);
}
