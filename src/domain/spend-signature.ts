// Spending a 取引認証番号: the OCRA response (RFC 6287) of an app token to exactly one question, inside the
// transaction of the payment it authorises. It follows useTokenCode's discipline: the attempt is reserved first
// (failures + 1 in one conditional UPDATE that holds the token's row), so wrong responses count toward the same
// lock as wrong OTPs (RFC 4226 §7.3, across sessions and instances); a replay is refunded, not counted
// (product.md §4); and the response is spent by a conditional INSERT of (token, T, question), zero rows = replay.

import { timingSafeEqual } from 'node:crypto';
import { hmacKey } from '../otp/hmac-key.ts';
import { ocra } from '../otp/ocra.ts';
import { moveToken } from './move-token.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { Keyring } from './secret-box.ts';
import { SIGNING_OCRA_SUITE, SIGNING_PAST_STEPS, SIGNING_STEP_MS } from './signing-challenge.ts';
import type { StoreTx } from './store-ports.ts';
import type { TokenUse, TokenUseRejection } from './use-token.ts';

export interface SignatureRequest {
  readonly serial: string;
  readonly question: string;
  /** The 8-digit 取引認証番号 as typed. */
  readonly response: string;
  readonly draftId: string;
}

export type SignatureUse = { readonly kind: 'accepted'; readonly serial: string; readonly timeStep: bigint } | Extract<TokenUse, { kind: 'rejected' }>;

function rejected(reason: TokenUseRejection, lockedNow = false, remaining?: number): SignatureUse {
  return remaining === undefined ? { kind: 'rejected', reason, lockedNow } : { kind: 'rejected', reason, lockedNow, remaining };
}

export async function spendSignature(tx: StoreTx, keyring: Keyring, nowMs: number, req: SignatureRequest): Promise<SignatureUse> {
  const token = await tx.tokens.beginAttempt(req.serial, ['registered'], MAX_CONSECUTIVE_OTP_FAILURES);
  if (token === undefined) {
    const current = await tx.tokens.get(req.serial);
    return rejected(current?.status === 'locked' ? 'locked' : 'unknown');
  }
  if (token.expiresAtMs !== null && nowMs >= token.expiresAtMs) {
    await tx.tokens.refundAttempt(token.serial);
    return rejected('expired');
  }
  const key = hmacKey(keyring.open(token.serial, token.sealed));
  const now = BigInt(Math.floor(nowMs / SIGNING_STEP_MS));
  const submitted = Buffer.from(/^\d{8}$/.test(req.response) ? req.response : '--------', 'ascii');
  let matched: bigint | undefined;
  // Every step of the window is computed and compared, a match or not, in constant time (RFC 4226 §7).
  for (let t = now - BigInt(SIGNING_PAST_STEPS); t <= now; t++) {
    const expected = Buffer.from(ocra(SIGNING_OCRA_SUITE, key, { question: req.question, timestamp: t }), 'ascii');
    if (timingSafeEqual(submitted, expected) && matched === undefined) matched = t;
  }
  if (matched !== undefined) {
    if (await tx.transactionAuth.spend({ serial: token.serial, timeStep: matched, question: req.question, draftId: req.draftId, usedAtMs: nowMs })) {
      await tx.tokens.resetFailures(token.serial);
      return { kind: 'accepted', serial: token.serial, timeStep: matched };
    }
    await tx.tokens.refundAttempt(token.serial);
    return rejected('replayed');
  }
  const remaining = Math.max(0, MAX_CONSECUTIVE_OTP_FAILURES - token.consecutiveFailures);
  if (remaining > 0) return rejected('invalid', false, remaining);
  const lockedNow = await moveToken(tx, token.serial, ['issued', 'registered'], 'locked');
  return rejected('invalid', lockedNow, remaining);
}
