// 承認待ち一覧, 承認, 否認 (each with a 理由 and a fresh ワンタイムパスワード), and the one-time display of an executed action's result to its requester.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APPROVAL_HANDLERS } from '../../../domain/approval-handlers.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import type { ErrorCode } from '../../../domain/error-codes.ts';
import { approve, deny, listApprovals, takeApprovalResult } from '../../../domain/maker-checker.ts';
import { parseOtp } from '../../../domain/inputs.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { checkStaffStepUp } from '../../../domain/staff-login.ts';
import { staffMay } from '../../../domain/staff-roles.ts';
import { field } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { approvalsPage, type ApprovalsView } from '../views/approvals-page.ts';

const REQUEST_ID = /^[0-9a-f]{16}$/;

export function approvalRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<Pick<ApprovalsView, 'message' | 'oneTime'>> = {}, status = 200): Promise<FastifyReply> => {
    const c = staffOf(request);
    const requests = await listApprovals(deps);
    return sendPage(reply, approvalsPage({ session: pageSessionOf(c), requests, handlers: APPROVAL_HANDLERS, nowMs: deps.now(), canDecide: staffMay(c.staff.role, 'approve'), ...extra }), status);
  };
  const refused = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode): Promise<FastifyReply> => show(request, reply, { message: { kind: 'error', text: '', code } }, FORM_ERROR_STATUS);
  const idOf = (request: FastifyRequest): string => {
    const id = (request.params as { id?: unknown }).id;
    return typeof id === 'string' && REQUEST_ID.test(id) ? id : '';
  };

  app.get('/approvals', { config: { staffAction: 'view' } }, async (request, reply) => show(request, reply));

  /** 理由 and a fresh ワンタイムパスワード, both required for a decision. */
  const decisionInput = async (request: FastifyRequest): Promise<{ ok: true; reason: string } | { ok: false; code: ErrorCode }> => {
    const reason = parseReason(field(request.body, 'reason'));
    if (!reason.ok) return { ok: false, code: 'required' };
    const otp = parseOtp(field(request.body, 'otp'));
    if (!otp.ok) return { ok: false, code: 'staff_otp_invalid' };
    const fresh = await checkStaffStepUp(deps, request.ip, staffOf(request).staff.id, otp.value);
    return fresh.ok ? { ok: true, reason: reason.value } : { ok: false, code: fresh.code };
  };

  app.post('/approvals/:id/approve', { config: { staffAction: 'approve' } }, async (request, reply) => {
    const c = staffOf(request);
    const reason = await decisionInput(request);
    if (!reason.ok) return refused(request, reply, reason.code);
    const result = await approve(deps, { staffId: c.staff.id, ip: request.ip }, idOf(request), reason.reason);
    if (!result.ok) return refused(request, reply, result.code);
    return show(request, reply, { message: result.executed ? { kind: 'success', text: '承認し、実行しました。' } : { kind: 'error', text: '', code: result.outcome as ErrorCode } });
  });

  app.post('/approvals/:id/deny', { config: { staffAction: 'approve' } }, async (request, reply) => {
    const c = staffOf(request);
    const reason = await decisionInput(request);
    if (!reason.ok) return refused(request, reply, reason.code);
    const result = await deny(deps, { staffId: c.staff.id, ip: request.ip }, idOf(request), reason.reason);
    if (!result.ok) return refused(request, reply, result.code);
    return show(request, reply, { message: { kind: 'success', text: '否認しました。' } });
  });

  app.post('/approvals/:id/result', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const taken = await takeApprovalResult(deps, { staffId: c.staff.id, ip: request.ip }, idOf(request));
    if (!taken.ok) return refused(request, reply, taken.code);
    return show(request, reply, { oneTime: { requestId: idOf(request), secret: taken.secret } });
  });
}
