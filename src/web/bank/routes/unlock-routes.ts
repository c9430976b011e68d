// ロック解除: an operator lifts a lock at once; an operator or approver may instead ask for approval.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseLockTarget } from '../../../domain/approval-handlers.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { parseContractId, parseLoginId, parseSerial } from '../../../domain/inputs.ts';
import { liftLock, type LockTarget } from '../../../domain/lift-lock.ts';
import { requestApproval } from '../../../domain/maker-checker.ts';
import { staffActor } from '../../../domain/staff-actor.ts';
import { parseReason } from '../../../domain/staff-inputs.ts';
import { staffMay } from '../../../domain/staff-roles.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { unlockPage } from '../views/unlock-page.ts';

const FIELDS = ['contractId', 'kind', 'loginId', 'serial', 'reason'] as const;

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, (field(body, name) ?? '').slice(0, 200)]));
}

/** The form as a lock target and a 理由, or the errors to show next to the fields. */
function readForm(body: unknown): { ok: true; target: LockTarget; reason: string } | { ok: false; errors: FieldErrors } {
  const form = new FormReader();
  const contractId = form.take(parseContractId(field(body, 'contractId')));
  const kind = field(body, 'kind');
  const loginId = kind === 'user' ? form.take(parseLoginId(field(body, 'loginId'))) : undefined;
  const serial = kind === 'token' ? form.take(parseSerial(field(body, 'serial'))) : undefined;
  const reason = form.take(parseReason(field(body, 'reason')));
  const target = parseLockTarget({ contractId, kind, loginId, serial });
  if (!form.ok) return { ok: false, errors: form.errors };
  if (target === undefined) return { ok: false, errors: { kind: 'lock_target_required' } };
  return { ok: true, target, reason };
}

export function unlockRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const show = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, done?: 'unlocked' | 'requested'): FastifyReply => {
    const c = staffOf(request);
    return sendPage(reply, unlockPage({ session: pageSessionOf(c), canUnlock: staffMay(c.staff.role, 'unlock'), values, errors, ...(done === undefined ? {} : { done }) }), status);
  };

  // 契約先詳細 links here with the lock already chosen (contractId, kind, loginId, serial); the 理由 is always typed.
  app.get('/unlock', { config: { staffAction: 'request' } }, async (request, reply) => {
    const { reason: _reason, ...prefill } = valuesOf(request.query);
    return show(request, reply, prefill, {});
  });

  app.post('/unlock', { config: { staffAction: 'unlock' } }, async (request, reply) => {
    const c = staffOf(request);
    const read = readForm(request.body);
    if (!read.ok) return show(request, reply, valuesOf(request.body), read.errors, FORM_ERROR_STATUS);
    const who = staffActor(c.staff.id, read.reason, request.ip);
    const lifted = await deps.store.transaction((tx) => liftLock(tx, who, deps.now(), read.target));
    if (!lifted.ok) return show(request, reply, valuesOf(request.body), { [lifted.field ?? FORM_ERROR]: lifted.code }, FORM_ERROR_STATUS);
    return show(request, reply, {}, {}, 200, 'unlocked');
  });

  app.post('/unlock/request', { config: { staffAction: 'request' } }, async (request, reply) => {
    const c = staffOf(request);
    const read = readForm(request.body);
    if (!read.ok) return show(request, reply, valuesOf(request.body), read.errors, FORM_ERROR_STATUS);
    const requested = await requestApproval(deps, { staffId: c.staff.id, ip: request.ip }, 'unlock', read.target, read.reason);
    if (!requested.ok) return show(request, reply, valuesOf(request.body), { [FORM_ERROR]: requested.code }, FORM_ERROR_STATUS);
    return show(request, reply, {}, {}, 200, 'requested');
  });
}
