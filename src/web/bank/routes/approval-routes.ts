// 承認待ち一覧, 承認, 否認, and the one-time display of an executed action's result to its requester.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APPROVAL_HANDLERS } from '../../../domain/approval-handlers.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import type { ErrorCode } from '../../../domain/error-codes.ts';
import { approve, deny, listApprovals, takeApprovalResult } from '../../../domain/maker-checker.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
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

  app.post('/approvals/:id/approve', { config: { staffAction: 'approve' } }, async (request, reply) => {
    const c = staffOf(request);
    const reason = parseReason(field(request.body, 'reason'));
    if (!reason.ok) return refused(request, reply, 'required');
    const result = await approve(deps, { staffId: c.staff.id, ip: request.ip }, idOf(request), reason.value);
    if (!result.ok) return refused(request, reply, result.code);
    return show(request, reply, { message: result.executed ? { kind: 'success', text: '承認し、実行しました。' } : { kind: 'error', text: '', code: result.outcome as ErrorCode } });
  });

  app.post('/approvals/:id/deny', { config: { staffAction: 'approve' } }, async (request, reply) => {
    const c = staffOf(request);
    const reason = parseReason(field(request.body, 'reason'));
    if (!reason.ok) return refused(request, reply, 'required');
    const result = await deny(deps, { staffId: c.staff.id, ip: request.ip }, idOf(request), reason.value);
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
