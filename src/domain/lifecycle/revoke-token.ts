// トークン失効: a lost, broken or stolen token can never be used again. Its status becomes final (紛失 and
// 盗難 → lost, 故障 → revoked; token.ts's transition table) and every registration on it ends at that
// moment, in the one transaction that writes the audit entry. Every use path reserves its attempt with
// `status IN (…)`, none of which is final, so a code is refused from the commit on.

import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { moveToken } from '../move-token.ts';
import { staffDetail, type StaffActor } from '../staff-actor.ts';
import type { StoreTx } from '../store-ports.ts';
import type { TokenStatus } from '../token.ts';
import { checkStaff } from './staff-checks.ts';

/** 紛失 (lost), 故障 (broken), 盗難 (stolen). */
export const REVOCATION_KINDS = ['lost', 'broken', 'stolen'] as const;
export type RevocationKind = (typeof REVOCATION_KINDS)[number];

const FINAL_STATUS = { lost: 'lost', stolen: 'lost', broken: 'revoked' } as const satisfies Record<RevocationKind, TokenStatus>;
export const LIVE_STATUSES: readonly TokenStatus[] = ['in_stock', 'issued', 'registered', 'locked'];

export type RevokeOutcome =
  | { readonly ok: true; readonly serial: string; readonly status: 'lost' | 'revoked'; readonly endedRegistrations: number }
  | Failure<'token_not_found' | 'token_final' | 'required' | 'too_long'>;

export async function revokeToken(deps: DomainDeps, who: StaffActor, req: RevokeRequest): Promise<RevokeOutcome> {
  const bad = checkStaff(who);
  if (bad !== undefined) return bad;
  return deps.store.transaction((tx) => revokeTokenIn(tx, deps.now(), who, req));
}

export interface RevokeRequest {
  readonly serial: string;
  readonly kind: RevocationKind;
}

/** The revocation inside the caller's transaction (the console's approval runs it in the approving one). */
export async function revokeTokenIn(tx: StoreTx, nowMs: number, who: StaffActor, req: RevokeRequest): Promise<RevokeOutcome> {
  // The token's row first (store-ports.ts lock order), so the status read is the one that is changed.
  const [token] = await tx.lifecycle.lockTokens([req.serial]);
  if (token === undefined) return fail('token_not_found', 'serial');
  const status = FINAL_STATUS[req.kind];
  const chain = token.contractId ?? BANK_CHAIN;
  // Conditional on a live status: of two parallel revocations one moves the token, the other is told so.
  if (!(await moveToken(tx, req.serial, LIVE_STATUSES, status))) {
    await appendAudit(tx, nowMs, { chain, ...who, action: 'token.revoke', target: req.serial, outcome: 'token_final', detail: { kind: req.kind, ...staffDetail(who) } });
    return fail('token_final', 'serial');
  }
  let ended = 0;
  const contracts = new Set((await tx.registrations.activeForSerial(req.serial)).map((r) => r.contractId));
  for (const contractId of contracts) ended += await tx.registrations.end({ contractId, serial: req.serial }, nowMs);
  await appendAudit(tx, nowMs, {
    chain,
    ...who,
    action: 'token.revoke',
    target: req.serial,
    outcome: status,
    detail: { kind: req.kind, previousStatus: token.status, endedRegistrations: ended, ...staffDetail(who) },
  });
  return { ok: true, serial: req.serial, status, endedRegistrations: ended };
}
