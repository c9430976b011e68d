// The actions a staff member can ask a second one to approve (maker–checker), by name. Each handler parses
// its own parameters (stored as JSON), says which chain its audit entries go on, whether approval is
// required or only offered, and runs inside the approving transaction. Handlers that produce a one-time
// value (a reset PIN) return it as `oneTimeSecret`: the engine seals it for the requester alone.

import type { Actor, DomainDeps } from './deps.ts';
import type { Failure } from './error-codes.ts';
import { LOCK_KINDS, liftLock, lockedThing, type LockTarget } from './lift-lock.ts';
import type { StaffActor } from './staff-actor.ts';
import type { StoreTx } from './store-ports.ts';
import { resetCredentialHandler } from './reset-credential-handler.ts';
import { revokeTokenHandler } from './revoke-token-handler.ts';
import { transactionAuthPolicyHandler } from './transaction-auth-policy-handler.ts';

export type HandlerResult = { readonly ok: true; readonly outcome: string; readonly oneTimeSecret?: string } | Failure;

export interface ApprovalHandler<P = unknown, R = undefined> {
  /** The Japanese name shown in 承認待ち一覧. */
  readonly label: string;
  /**
   * required: the action never runs without a second staff member (PIN/password reset, revoking a token in
   * use); optional: an operator may do it alone, or ask for a second pair of eyes.
   */
  readonly approval: 'required' | 'optional';
  parse(params: unknown): P | undefined;
  /** The contract chain (or BANK_CHAIN) the request's audit entries go on. */
  chainOf(params: P): string;
  /** One line for people: what will be done to what. */
  describe(params: P): string;
  run(tx: StoreTx, who: StaffActor, nowMs: number, params: P, prepared: R): Promise<HandlerResult>;
  /**
   * At request time, in the requesting transaction: refuses a request that could not run (no such
   * contract, a token already final) and completes its parameters (the token's contract, for its chain).
   */
  check?(tx: StoreTx, params: P): Promise<{ readonly ok: true; readonly params: P } | Failure>;
  /** Slow work done before the approving transaction opens (a hash), so that no lock is held during it. */
  prepare?(deps: DomainDeps, params: P): Promise<R>;
}

export type ApprovalHandlers = Readonly<Record<string, ApprovalHandler<never, never>>>;

const LOCK_LABELS: Readonly<Record<LockTarget['kind'], string>> = {
  admin_login: '管理者ログインのロック',
  confirm_pin: 'ご契約先確認暗証番号のロック',
  user: '利用者のロック',
  token: 'トークンのロック',
};

export function parseLockTarget(raw: unknown): LockTarget | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  const kind = LOCK_KINDS.find((k) => k === p.kind);
  if (typeof p.contractId !== 'string' || !/^\d{11}$/.test(p.contractId) || kind === undefined) return undefined;
  if (kind === 'user') return typeof p.loginId === 'string' && /^[A-Za-z0-9]{1,30}$/.test(p.loginId) ? { contractId: p.contractId, kind, loginId: p.loginId } : undefined;
  if (kind === 'token') return typeof p.serial === 'string' && /^[A-Za-z0-9]{1,32}$/.test(p.serial) ? { contractId: p.contractId, kind, serial: p.serial } : undefined;
  return { contractId: p.contractId, kind };
}

export function describeLockTarget(t: LockTarget): string {
  const what = t.kind === 'admin_login' || t.kind === 'confirm_pin' ? '' : ` ${lockedThing(t)}`;
  return `ご契約先ID ${t.contractId} の${LOCK_LABELS[t.kind]}${what}`;
}

export const unlockHandler: ApprovalHandler<LockTarget> = {
  label: 'ロック解除',
  approval: 'optional',
  parse: parseLockTarget,
  chainOf: (t) => t.contractId,
  describe: describeLockTarget,
  async run(tx, who: Actor & StaffActor, nowMs, target) {
    const lifted = await liftLock(tx, who, nowMs, target);
    return lifted.ok ? { ok: true, outcome: 'unlocked' } : lifted;
  },
};

/** Every action the engine can execute. Append new ones here (PIN reset, token revocation…). */
export const APPROVAL_HANDLERS: ApprovalHandlers = {
  unlock: unlockHandler as ApprovalHandler<never, never>,
  reset_credential: resetCredentialHandler as ApprovalHandler<never, never>,
  revoke_token: revokeTokenHandler as ApprovalHandler<never, never>,
  transaction_auth_policy: transactionAuthPolicyHandler as ApprovalHandler<never, never>,
};
