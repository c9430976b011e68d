// 暗証番号再発行: the bank resets a customer's 暗証番号 to a one-time initial value (the administrator's
// ご契約先暗証番号 or ご契約先確認暗証番号, or a user's 利用者暗証番号 or 利用者確認暗証番号). The value is
// returned once, to be handed to the customer; only its hash is stored, and neither the audit log nor any
// other record holds it. The secret is marked "must change at next use", its lock is lifted (a reset is the
// remedy for a locked secret), and the person's sessions end, all in one transaction with the audit entry,
// which names the staff member and the reason (staffDetail).

import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { RandomBytes } from './session-ids.ts';
import { appendAudit } from './audit.ts';
import { type CredentialTarget, auditTargetOf, liftLock, loginIdOf, storeSecret } from './credential-target.ts';
import type { DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { generateInitialSecret } from './initial-secret.ts';
import { hashSecret } from './password-hash.ts';
import { type StaffActor, staffDetail } from './staff-actor.ts';
import type { StoreTx } from './store-ports.ts';

export const RESET_ACTION = 'credential.reset';

export type ResetResult = { readonly ok: true; readonly initialValue: string } | Failure<'contract_not_found' | 'user_not_found'>;

export async function resetCredential(deps: DomainDeps, who: StaffActor, target: CredentialTarget, random: RandomBytes = nodeRandomBytes): Promise<ResetResult> {
  const prepared = await prepareInitialValue(deps, random);
  return deps.store.transaction((tx) => resetCredentialIn(tx, deps.now(), who, target, prepared));
}

/** A new initial value and its hash, made before any transaction opens: the slow hash holds no lock. */
export interface PreparedInitialValue {
  readonly initialValue: string;
  readonly hash: string;
}

export async function prepareInitialValue(deps: Pick<DomainDeps, 'hashCost'>, random: RandomBytes = nodeRandomBytes): Promise<PreparedInitialValue> {
  const initialValue = generateInitialSecret(random);
  return { initialValue, hash: await hashSecret(initialValue, deps.hashCost) };
}

/** The reset inside the caller's transaction (the console's approval runs it in the approving one). */
export async function resetCredentialIn(tx: StoreTx, nowMs: number, who: StaffActor, target: CredentialTarget, prepared: PreparedInitialValue): Promise<ResetResult> {
  const loginId = loginIdOf(target);
  // Lock order: the contract row first, then the user's (store-ports.ts).
  if ((await tx.contracts.get(target.contractId)) === undefined) return fail('contract_not_found', 'contractId');
  if (!(await storeSecret(tx, target, prepared.hash, true))) return fail(loginId === null ? 'contract_not_found' : 'user_not_found', loginId === null ? 'contractId' : 'loginId');
  await liftLock(tx, target);
  const sessionsEnded = await tx.sessions.deleteForPerson(target.contractId, loginId);
  await appendAudit(tx, nowMs, {
    chain: target.contractId, ...who, action: RESET_ACTION, target: auditTargetOf(target), outcome: 'reset',
    detail: { ...staffDetail(who), secret: target.kind, sessionsEnded },
  });
  return { ok: true, initialValue: prepared.initialValue };
}
