// The bank systems' hot path (product.md §6, POST /api/v1/otp/verify): is this the current OTP of the token
// that applies to this user? The code is consumed exactly as a payment consumes it (useTokenCode, purpose
// 'payment'), so a code used here cannot pay, and the other way round. ONE transaction: the API key (by its
// hash, so a revoked key stops at once everywhere), the token, and the audit entry. Time is the server's
// only (ASVS 5.0 6.5.8); no Argon2id.

import { appendAnonymousAudit } from './anonymous-audit.ts';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import { apiKeyCovers, apiKeyUsable } from './api-keys.ts';
import type { ApiKeyMemo } from './api-key-memo.ts';
import type { Actor, DomainDeps } from './deps.ts';
import type { ApiKeyRecord, StoreTx } from './store-ports.ts';
import { API_KEY_TOUCH_EVERY_MS, IDEMPOTENCY_KEY_TTL_MS } from './policy.ts';
import type { TokenUseRejection } from './use-token.ts';
import { useReadTokenCode } from './use-read-token.ts';
import { verifyFast } from './bank-verify-fast.ts';

export const VERIFY_REJECTIONS = ['invalid', 'replayed', 'locked', 'not_registered'] as const;
export type VerifyRejection = (typeof VERIFY_REJECTIONS)[number];

type Verdict = { readonly kind: 'accepted'; readonly serial: string } | { readonly kind: 'rejected'; readonly reason: VerifyRejection };

export type BankVerifyOutcome =
  | (Verdict & { readonly idempotentReplay?: true })
  | { readonly kind: 'unauthorised' }
  | { readonly kind: 'idempotency_key_reused' };

/** Idempotency-Key: the header's value and the SHA-256 of the request's fields. */
export interface IdempotencyRequest {
  readonly key: string;
  readonly bodyHash: string;
}

export interface BankVerifyRequest {
  readonly contractId: string;
  readonly loginId: string;
  readonly otp: string;
}

/** As for payments (payment-authority.ts): an expired or no longer registered token counts as none. */
function rejectionOf(reason: TokenUseRejection): VerifyRejection {
  if (reason === 'replayed' || reason === 'locked') return reason;
  return reason === 'expired' || reason === 'unknown' ? 'not_registered' : 'invalid';
}

/** `memo` (the API's, per instance) spares the last-use UPDATE within a minute of the one this instance wrote. */
export async function verifyForBank(deps: DomainDeps, apiKeyHash: string, req: BankVerifyRequest, ip: string, idem?: IdempotencyRequest, memo?: ApiKeyMemo): Promise<BankVerifyOutcome> {
  // Where the store has it (PostgreSQL; SQLite as serve opens it), a right code takes two steps
  // (bank-verify-fast.ts); every other case, and every request with an Idempotency-Key, takes the
  // transaction below from the start.
  const hot = deps.store.hotVerify;
  if (hot !== undefined && idem === undefined) {
    const serial = await verifyFast(hot, deps, apiKeyHash, req, ip, memo);
    if (serial !== undefined) return { kind: 'accepted', serial };
  }
  let touchedAtMs: number | undefined;
  // The hot path's transaction may share its COMMIT with others' (group commit); it is answered only once durable.
  const store = deps.store;
  const within = store.groupedTransaction?.bind(store) ?? store.transaction.bind(store);
  const outcome = await within(async (tx): Promise<BankVerifyOutcome> => {
    touchedAtMs = undefined; // a run again after a deadlock starts afresh
    const nowMs = deps.now();
    const found = await tx.apiKeys.findActive(apiKeyHash);
    // An expired key is refused like an unknown one (and, like it, audited once per source and window).
    const key = found !== undefined && apiKeyUsable(found, nowMs) ? found : undefined;
    if (key === undefined) {
      // ASVS 4.0.3 7.2.1: authentication failures are logged, never the key itself; once per source and window.
      await appendAnonymousAudit(tx, nowMs, { chain: BANK_CHAIN, actor: 'api:unknown', ip, action: 'api.auth', outcome: 'api_key_invalid' });
      return { kind: 'unauthorised' };
    }
    const who = { actor: `api:${key.name}`, ip };
    if (memo === undefined || memo.touchDue(apiKeyHash, nowMs, API_KEY_TOUCH_EVERY_MS)) {
      await tx.apiKeys.touch(apiKeyHash, nowMs, API_KEY_TOUCH_EVERY_MS);
      touchedAtMs = nowMs;
    }
    if (idem === undefined) return decide(tx, deps, nowMs, key, who, req);
    // The key is claimed in this transaction and its answer stored in it: a retry gets the first answer
    // (not `replayed`), and a verification that rolls back leaves no answer behind.
    const claim = await tx.idempotency.claim(apiKeyHash, idem.key, idem.bodyHash, '{}', nowMs, nowMs - IDEMPOTENCY_KEY_TTL_MS);
    if (claim.kind === 'other_body') return { kind: 'idempotency_key_reused' };
    if (claim.kind === 'replay') return { ...(JSON.parse(claim.response) as Verdict), idempotentReplay: true };
    const verdict = await decide(tx, deps, nowMs, key, who, req);
    await tx.idempotency.answer(apiKeyHash, idem.key, JSON.stringify(verdict));
    return verdict;
  });
  // Only once committed: a rolled-back touch is written by the next request.
  if (touchedAtMs !== undefined) memo?.touched(apiKeyHash, touchedAtMs);
  return outcome;
}

async function decide(tx: StoreTx, deps: DomainDeps, nowMs: number, key: ApiKeyRecord, who: Actor, req: BankVerifyRequest): Promise<Verdict> {
  // One query for the contract's form, the user, the token that applies and its row (the hot path).
  const target = await tx.registrations.tokenRowFor(req.contractId, req.loginId);
  if (!apiKeyCovers(key, req.contractId)) {
    // Outside the key's scope: the same answer as an unknown user (no oracle), and no token is touched,
    // so a key can neither learn about nor lock another contract's tokens. Audited on the bank's chain.
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'api.otp.verify', target: `${req.contractId}/${req.loginId}`, outcome: 'not_registered', detail: { cause: 'out_of_scope' } });
    return { kind: 'rejected', reason: 'not_registered' };
  }
  if (target === undefined) {
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'api.otp.verify', target: `${req.contractId}/${req.loginId}`, outcome: 'not_registered', detail: { cause: 'unknown_contract' } });
    return { kind: 'rejected', reason: 'not_registered' };
  }
  const audit = (outcome: string, detail: Record<string, string | boolean | null>): Promise<unknown> =>
    appendAudit(tx, nowMs, { chain: req.contractId, ...who, action: 'api.otp.verify', target: req.loginId, outcome, detail });
  if (!target.userExists || target.serial === null) {
    await audit('not_registered', { cause: !target.userExists ? 'unknown_user' : target.otpForm === 'none' ? 'otp_not_begun' : 'no_token' });
    return { kind: 'rejected', reason: 'not_registered' };
  }
  const authority = { serial: target.serial };
  // A right code is consumed by one conditional UPDATE; anything else takes the reserving path (use-read-token.ts).
  const use = await useReadTokenCode(tx, deps.keyring, nowMs, { serial: authority.serial, code: req.otp, purpose: 'payment', statuses: ['registered'] }, target.token);
  if (use.kind === 'accepted') {
    await audit('accepted', { serial: use.serial });
    return { kind: 'accepted', serial: use.serial };
  }
  const reason = rejectionOf(use.reason);
  await audit(reason, { serial: authority.serial, cause: use.reason, tokenLockedNow: use.lockedNow });
  return { kind: 'rejected', reason };
}
