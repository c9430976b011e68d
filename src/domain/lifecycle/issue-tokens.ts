// トークン発行: the bank hands tokens from its stock to a contract, one serial or a range, all or nothing.
// Each token's entry goes on the contract's chain (so its history shows who issued it and why).

import { appendAudit } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { staffDetail, type StaffActor } from '../staff-actor.ts';
import { canTransition, type TokenStatus } from '../token.ts';
import { serialRange } from './serial-range.ts';
import { checkStaff } from './staff-checks.ts';

export interface IssueRequest {
  readonly contractId: string;
  readonly fromSerial: string;
  /** Inclusive; the same length as fromSerial. Absent: just fromSerial. */
  readonly toSerial?: string;
}

/** A token that could not be issued: its status, or 'unknown' when no such serial exists. */
export interface UnavailableToken {
  readonly serial: string;
  readonly status: TokenStatus | 'unknown';
}

export type IssueOutcome =
  | { readonly ok: true; readonly serials: readonly string[] }
  | (Failure<'token_not_in_stock'> & { readonly unavailable: readonly UnavailableToken[] })
  | Failure<'contract_not_found' | 'bad_format' | 'too_many_tokens' | 'required' | 'too_long'>;

export async function issueTokens(deps: DomainDeps, who: StaffActor, req: IssueRequest): Promise<IssueOutcome> {
  const bad = checkStaff(who);
  if (bad !== undefined) return bad;
  const range = serialRange(req.fromSerial, req.toSerial);
  if (!range.ok) return range;
  if (!canTransition('in_stock', 'issued')) throw new TypeError('in_stock → issued is not in the transition table');
  return deps.store.transaction(async (tx): Promise<IssueOutcome> => {
    if ((await tx.contracts.get(req.contractId)) === undefined) return fail('contract_not_found', 'contractId');
    // The rows stay locked until commit, so what is checked here is what the UPDATE below changes.
    const found = new Map((await tx.lifecycle.lockTokens(range.serials)).map((row) => [row.serial, row.status]));
    const unavailable = range.serials
      .map((serial): UnavailableToken => ({ serial, status: found.get(serial) ?? 'unknown' }))
      .filter((t) => t.status !== 'in_stock');
    // An app soft token in stock is a customer's phone awaiting its registration: not the bank's inventory.
    for (const serial of range.serials) {
      if (found.get(serial) === 'in_stock' && (await tx.softTokens.get(serial))?.origin === 'app') unavailable.push({ serial, status: 'unknown' });
    }
    if (unavailable.length > 0) return { ...fail('token_not_in_stock', 'fromSerial'), unavailable };
    const moved = await tx.lifecycle.issueFromStock(range.serials, req.contractId);
    if (moved !== range.serials.length) throw new Error(`issued ${moved} of ${range.serials.length} locked tokens`);
    const nowMs = deps.now();
    for (const serial of range.serials) {
      await appendAudit(tx, nowMs, {
        chain: req.contractId,
        ...who,
        action: 'token.issue',
        target: serial,
        outcome: 'issued',
        detail: { contractId: req.contractId, ...staffDetail(who) },
      });
    }
    return { ok: true, serials: range.serials };
  });
}
