// The verify API's fast path (hot-verify-ports.ts), taken where the store offers it (PostgreSQL): a right
// code is answered after two statements — one read, one call that consumes the code,
// appends the entry and commits — instead of a transaction of seven round trips. It decides nothing the
// transaction path would decide otherwise: every case but "this right code, consumed now" returns
// undefined, and bank-verify.ts then runs the transaction path from the start (nothing was written).
// The guarantees are the transaction path's: the code is consumed, the audit entry appended and the answer
// given in one durable commit, exactly once (the consuming UPDATE is conditional on the counter, as in
// tokens.consumeIfUsable); the key is read unrevoked in the committing statement itself; the entry follows
// the very head it was sealed on, or nothing commits.

import { apiKeyCovers, apiKeyUsable } from './api-keys.ts';
import type { ApiKeyMemo } from './api-key-memo.ts';
import { sealAuditEvent } from './audit.ts';
import type { DomainDeps } from './deps.ts';
import type { HotVerifyPort } from './hot-verify-ports.ts';
import { API_KEY_TOUCH_EVERY_MS, MAX_CONSECUTIVE_OTP_FAILURES } from './policy.ts';
import type { AuditHead } from './store-ports.ts';
import { checkCode } from './use-token.ts';

/** Sealing on a head another verification of the contract moved first: read it again, this many times. */
const HEAD_RETRIES = 3;

export interface FastVerifyRequest {
  readonly contractId: string;
  readonly loginId: string;
  readonly otp: string;
}

/** The accepted serial, or undefined: take the transaction path. */
export async function verifyFast(port: HotVerifyPort, deps: DomainDeps, apiKeyHash: string, req: FastVerifyRequest, ip: string, memo?: ApiKeyMemo): Promise<string | undefined> {
  const nowMs = deps.now();
  const read = await port.read(apiKeyHash, req.contractId, req.loginId);
  const key = read.key;
  if (key === undefined || !apiKeyUsable(key, nowMs) || !apiKeyCovers(key, req.contractId)) return undefined;
  const token = read.target?.userExists === true ? read.target.token : undefined;
  // As use-read-token.ts: a usable registered token of this contract.
  if (token === undefined || token.serial !== read.target?.serial || token.status !== 'registered'
    || token.contractId !== req.contractId || token.consecutiveFailures >= MAX_CONSECUTIVE_OTP_FAILURES
    || (token.expiresAtMs !== null && nowMs >= token.expiresAtMs)) return undefined;
  const check = checkCode(deps.keyring, token, nowMs, { serial: token.serial, code: req.otp, purpose: 'payment', statuses: ['registered'] });
  if (check.kind !== 'accepted') return undefined;
  const touch = memo === undefined || memo.touchDue(apiKeyHash, nowMs, API_KEY_TOUCH_EVERY_MS) ? { atMs: nowMs, beforeMs: nowMs - API_KEY_TOUCH_EVERY_MS } : null;
  const event = { chain: req.contractId, actor: `api:${key.name}`, ip, action: 'api.otp.verify', target: req.loginId, outcome: 'accepted', detail: { serial: token.serial } };
  let head: AuditHead | undefined = read.head;
  for (let attempt = 0; attempt <= HEAD_RETRIES && head !== undefined; attempt++) {
    const entry = sealAuditEvent(port.auditKeys, head, nowMs, event);
    const outcome = await port.commit({ apiKeyHash, touch, serial: token.serial, status: 'registered', maxFailures: MAX_CONSECUTIVE_OTP_FAILURES, counter: check.counter, drift: check.drift, contractId: req.contractId, software: token.kind === 'software', entry });
    if (outcome.kind === 'committed') {
      if (touch !== null) memo?.touched(apiKeyHash, nowMs);
      return token.serial;
    }
    if (outcome.kind !== 'head_moved') return undefined;
    head = outcome.head;
  }
  // A chain without a head yet, or one that kept moving: the transaction path locks the head and waits.
  return undefined;
}
