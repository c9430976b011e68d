// Maker–checker (申請 → 承認/否認): one staff member asks, a second one with the right approves, and the
// action is executed in the approving transaction through its handler (approval-handlers.ts). Approval
// re-checks everything in that transaction: the request is still pending (a conditional UPDATE decides it,
// so two approvers cannot both execute it), not older than 24 hours, not the approver's own, and both staff
// members still hold their rights. Request, approval or denial, and execution are audited.

import { randomBytes } from 'node:crypto';
import { APPROVAL_HANDLERS, type ApprovalHandlers } from './approval-handlers.ts';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { staffActor } from './staff-actor.ts';
import { staffMay, type StaffAction } from './staff-roles.ts';
import type { ApprovalRecord, StaffRecord } from './staff-store-ports.ts';
import type { StoreTx } from './store-ports.ts';

/** A request not decided within 24 hours expires and must be made again. */
export const APPROVAL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Who acts: the staff member's id (re-read in the transaction, never trusted from the session) and IP. */
export interface StaffRef {
  readonly staffId: string;
  readonly ip: string;
}

type Refusal = Failure<'staff_forbidden' | 'approval_not_found' | 'approval_self' | 'approval_expired' | 'approval_decided' | 'bad_request'>;

async function holding(tx: StoreTx, staffId: string, action: StaffAction): Promise<StaffRecord | undefined> {
  const staff = await tx.staff.get(staffId);
  return staff !== undefined && !staff.disabled && staffMay(staff.role, action) ? staff : undefined;
}

export async function requestApproval(deps: DomainDeps, who: StaffRef, action: string, params: unknown, reason: string, handlers: ApprovalHandlers = APPROVAL_HANDLERS): Promise<{ ok: true; id: string } | Refusal | Failure> {
  const handler = handlers[action];
  const parsed = handler?.parse(params);
  if (handler === undefined || parsed === undefined) return fail('bad_request');
  return deps.store.transaction(async (tx): Promise<{ ok: true; id: string } | Refusal | Failure> => {
    if ((await holding(tx, who.staffId, 'request')) === undefined) return fail('staff_forbidden');
    const checked = handler.check === undefined ? { ok: true as const, params: parsed } : await handler.check(tx, parsed);
    if (!checked.ok) return checked;
    const nowMs = deps.now();
    const id = randomBytes(8).toString('hex');
    const stored = handler.check === undefined ? params : checked.params;
    await tx.approvals.insert({ id, action, params: JSON.stringify(stored), reason, requestedBy: who.staffId, requestedAtMs: nowMs, expiresAtMs: nowMs + APPROVAL_LIFETIME_MS });
    await appendAudit(tx, nowMs, { chain: handler.chainOf(checked.params), actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.request', target: id, outcome: 'requested', detail: { action, reason } });
    return { ok: true, id } as const;
  });
}

/** The checks approval and denial share, inside their transaction. */
async function decidable(tx: StoreTx, deps: DomainDeps, who: StaffRef, requestId: string): Promise<{ ok: true; request: ApprovalRecord } | Refusal> {
  const request = await tx.approvals.getForUpdate(requestId);
  if (request === undefined) return fail('approval_not_found');
  if ((await holding(tx, who.staffId, 'approve')) === undefined) return fail('staff_forbidden');
  if (request.status !== 'pending') return fail('approval_decided');
  if (request.requestedBy === who.staffId) return fail('approval_self');
  const nowMs = deps.now();
  if (nowMs >= request.expiresAtMs) {
    await tx.approvals.decide(requestId, { status: 'expired', decidedBy: null, decidedAtMs: nowMs, decisionReason: null, outcome: 'approval_expired', result: null });
    return fail('approval_expired');
  }
  return { ok: true, request };
}

export function resultSecretName(request: Pick<ApprovalRecord, 'id' | 'requestedBy'>): string {
  return `approval-result:${request.id}:${request.requestedBy}`;
}

export type ApprovalOutcome = { readonly ok: true; readonly executed: boolean; readonly outcome: string } | Refusal;

/** 承認 (with the approver's 理由): executes the action in this transaction; `executed` false when the action itself refused. */
export async function approve(deps: DomainDeps, who: StaffRef, requestId: string, reason: string, handlers: ApprovalHandlers = APPROVAL_HANDLERS): Promise<ApprovalOutcome> {
  const prepared = await prepareFor(deps, requestId, handlers);
  return deps.store.transaction(async (tx): Promise<ApprovalOutcome> => {
    const checked = await decidable(tx, deps, who, requestId);
    const nowMs = deps.now();
    if (!checked.ok) {
      await appendAudit(tx, nowMs, { chain: BANK_CHAIN, actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.approve', target: requestId, outcome: checked.code });
      return checked;
    }
    const { request } = checked;
    const handler = handlers[request.action];
    const params = handler?.parse(JSON.parse(request.params));
    if (handler === undefined || params === undefined) throw new Error(`approval ${request.id}: no handler can run ${request.action}`);
    const chain = handler.chainOf(params);
    // The requester must still be allowed to ask for it: a staff member disabled since cannot act through others.
    if ((await holding(tx, request.requestedBy, 'request')) === undefined) return fail('staff_forbidden');
    await appendAudit(tx, nowMs, { chain, actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.approve', target: request.id, outcome: 'approved', detail: { action: request.action, requestedBy: request.requestedBy, reason } });
    const actor = staffActor(request.requestedBy, request.reason, who.ip);
    const result = await handler.run(tx, actor, nowMs, params, prepared as never);
    const outcome = result.ok ? result.outcome : result.code;
    const sealed = result.ok && result.oneTimeSecret !== undefined ? deps.keyring.seal(resultSecretName(request), Buffer.from(result.oneTimeSecret, 'utf8')) : null;
    const decided = await tx.approvals.decide(request.id, { status: result.ok ? 'executed' : 'failed', decidedBy: who.staffId, decidedAtMs: nowMs, decisionReason: reason, outcome, result: sealed });
    if (!decided) throw new Error(`approval ${request.id} was decided by someone else while locked`);
    await appendAudit(tx, nowMs, { chain, actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.execute', target: request.id, outcome, detail: { action: request.action, requestedBy: request.requestedBy, reason: request.reason } });
    return { ok: true, executed: result.ok, outcome };
  });
}

/** The handler's slow work (prepare) for a pending request, outside any transaction that locks. */
async function prepareFor(deps: DomainDeps, requestId: string, handlers: ApprovalHandlers): Promise<unknown> {
  const request = await deps.store.transaction((tx) => tx.approvals.get(requestId));
  const handler = request === undefined || request.status !== 'pending' ? undefined : handlers[request.action];
  if (request === undefined || handler?.prepare === undefined) return undefined;
  const params = handler.parse(JSON.parse(request.params));
  return params === undefined ? undefined : handler.prepare(deps, params);
}

/** 否認: the request ends without running, with the approver's reason. */
export async function deny(deps: DomainDeps, who: StaffRef, requestId: string, reason: string, handlers: ApprovalHandlers = APPROVAL_HANDLERS): Promise<{ ok: true } | Refusal> {
  return deps.store.transaction(async (tx) => {
    const checked = await decidable(tx, deps, who, requestId);
    if (!checked.ok) return checked;
    const { request } = checked;
    const nowMs = deps.now();
    const handler = handlers[request.action];
    const params = handler?.parse(JSON.parse(request.params));
    const chain = handler === undefined || params === undefined ? BANK_CHAIN : handler.chainOf(params);
    await tx.approvals.decide(request.id, { status: 'denied', decidedBy: who.staffId, decidedAtMs: nowMs, decisionReason: reason, outcome: 'denied', result: null });
    await appendAudit(tx, nowMs, { chain, actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.deny', target: request.id, outcome: 'denied', detail: { action: request.action, requestedBy: request.requestedBy, reason } });
    return { ok: true } as const;
  });
}

/**
 * The one-time value an executed action produced, for the staff member who asked for it and nobody else,
 * once: it is erased in the transaction that reads it.
 */
export async function takeApprovalResult(deps: DomainDeps, who: StaffRef, requestId: string): Promise<{ ok: true; secret: string } | Failure<'approval_not_found'>> {
  return deps.store.transaction(async (tx) => {
    const request = await tx.approvals.getForUpdate(requestId);
    if (request === undefined || request.requestedBy !== who.staffId || request.result === null) return fail('approval_not_found');
    const secret = deps.keyring.open(resultSecretName(request), request.result).toString('utf8');
    if (!(await tx.approvals.takeResult(requestId))) return fail('approval_not_found');
    await appendAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: `staff:${who.staffId}`, ip: who.ip, action: 'approval.result_shown', target: requestId, outcome: 'shown' });
    return { ok: true, secret } as const;
  });
}

export function listApprovals(deps: DomainDeps, limit = 100): Promise<ApprovalRecord[]> {
  return deps.store.transaction((tx) => tx.approvals.list(limit));
}

/** One request, as 承認待ち一覧 lists it (never its sealed result's content). */
export function approvalOf(deps: DomainDeps, requestId: string): Promise<ApprovalRecord | undefined> {
  return deps.store.transaction((tx) => tx.approvals.get(requestId));
}
