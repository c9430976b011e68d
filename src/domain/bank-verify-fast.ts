// The verify API's fast path (hot-verify-ports.ts), taken where the store offers it (PostgreSQL; SQLite as
// serve opens it): a right code is answered after two steps — one read, and one batch commit that consumes
// the code and appends the entry, shared with the other codes of the moment (verify-sequencer.ts) — instead
// of a transaction of seven statements. It decides nothing the transaction path would decide otherwise: every case but
// "this right code, consumed now" returns undefined, and bank-verify.ts then runs the transaction path from
// the start (nothing was written). The guarantees are the transaction path's: the code is consumed, the
// audit entry appended and the answer given in one durable commit, exactly once (the consuming UPDATE is
// conditional on the counter, as in tokens.consumeIfUsable); the key is read unrevoked in the committing
// statement itself; the entry follows the very head it was sealed on, or nothing commits.

import { apiKeyCovers, apiKeyUsable } from './api-keys.ts';
import type { ApiKeyMemo } from './api-key-memo.ts';
import type { DomainDeps } from './deps.ts';
import type { HotVerifyPort } from './hot-verify-ports.ts';
import { API_KEY_TOUCH_EVERY_MS } from './policy.ts';
import { usableAsRead } from './use-read-token.ts';
import { checkCode } from './use-token.ts';
import { createVerifySequencer, type VerifySequencer } from './verify-sequencer.ts';

// One sequencer per store, which batches the codes of every request of this process (verify-sequencer.ts).
const sequencers = new WeakMap<HotVerifyPort, VerifySequencer>();
function sequencerOf(port: HotVerifyPort): VerifySequencer {
  let sequencer = sequencers.get(port);
  if (sequencer === undefined) {
    sequencer = createVerifySequencer(port);
    sequencers.set(port, sequencer);
  }
  return sequencer;
}

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
  const target = read.target;
  if (target?.userExists !== true || target.serial === null) return undefined;
  // The use bank-verify.ts decide makes of this token, judged as it judges a read row; of this contract too,
  // as bizotp_verify_commit checks.
  const use = { serial: target.serial, code: req.otp, purpose: 'payment', statuses: ['registered'], contractId: req.contractId } as const;
  const token = target.token;
  if (!usableAsRead(token, use, nowMs)) return undefined;
  const check = checkCode(deps.keyring, token, nowMs, use);
  if (check.kind !== 'accepted') return undefined;
  const touch = memo === undefined || memo.touchDue(apiKeyHash, nowMs, API_KEY_TOUCH_EVERY_MS) ? { atMs: nowMs, beforeMs: nowMs - API_KEY_TOUCH_EVERY_MS } : null;
  const event = { chain: req.contractId, actor: `api:${key.name}`, ip, action: 'api.otp.verify', target: req.loginId, outcome: 'accepted', detail: { serial: token.serial } };
  const committed = await sequencerOf(port).submit(req.contractId, {
    apiKeyHash, touch, serial: token.serial, counter: check.counter, drift: check.drift, software: token.kind === 'software', atMs: nowMs, event,
  }, read.head);
  if (!committed) return undefined; // nothing was written: the transaction path answers
  if (touch !== null) memo?.touched(apiKeyHash, nowMs);
  return token.serial;
}
