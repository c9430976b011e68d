// 契約先詳細: what the bank's staff see of one contract: its admin and PIN lock states, its OTP 利用形態,
// its users (lock, registered token, last successful OTP), its tokens and its recent audit entries. No hash,
// secret or sealed key ever leaves here.

import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from '../policy.ts';
import type { AuditEntry, OtpForm } from '../store-ports.ts';
import type { TokenSummary } from './lifecycle-store-ports.ts';

export const RECENT_AUDIT_ENTRIES = 20;

/** The audit entries that record a user's code accepted: a payment settled with a token, a bank API check. */
export const OTP_SUCCESS_EVENTS = [
  ['payment.authorise', 'done'],
  ['api.otp.verify', 'accepted'],
] as const satisfies readonly (readonly [string, string])[];

export interface LockState {
  readonly locked: boolean;
  readonly failures: number;
}

export interface ContractUserRow {
  readonly loginId: string;
  readonly name: string;
  readonly login: LockState;
  /** The token that applies to the user under the contract's form (the shared one under 'shared'). */
  readonly serial: string | null;
  readonly lastOtpAtMs: number | null;
}

export interface ContractDetail {
  readonly ok: true;
  readonly id: string;
  readonly name: string;
  readonly createdAtMs: number;
  readonly adminLogin: LockState;
  readonly confirmPin: LockState;
  readonly otpForm: OtpForm;
  readonly otpStartedAtMs: number | null;
  readonly users: readonly ContractUserRow[];
  readonly tokens: readonly TokenSummary[];
  readonly recentAudit: readonly AuditEntry[];
}

export async function contractDetail(deps: DomainDeps, contractId: string): Promise<ContractDetail | Failure<'contract_not_found'>> {
  return deps.store.transaction(async (tx) => {
    const contract = await tx.contracts.get(contractId);
    if (contract === undefined) return fail('contract_not_found', 'contractId');
    const users = await tx.users.list(contractId);
    const active = (await tx.registrations.active(contractId)).filter((r) => r.form === contract.otpForm);
    const shared = active.find((r) => r.loginId === null)?.serial ?? null;
    const byUser = new Map(active.filter((r) => r.loginId !== null).map((r) => [r.loginId, r.serial]));
    const lastOtp = new Map((await tx.lifecycle.lastAuditTimes(contractId, OTP_SUCCESS_EVENTS)).map((r) => [r.target, r.atMs]));
    return {
      ok: true,
      id: contract.id,
      name: contract.name,
      createdAtMs: contract.createdAtMs,
      adminLogin: { locked: contract.adminLoginFailures >= MAX_LOGIN_FAILURES, failures: contract.adminLoginFailures },
      confirmPin: { locked: contract.confirmPinFailures >= MAX_CONFIRM_PIN_FAILURES, failures: contract.confirmPinFailures },
      otpForm: contract.otpForm,
      otpStartedAtMs: contract.otpStartedAtMs,
      users: users.map((u) => ({
        loginId: u.loginId,
        name: u.name,
        login: { locked: u.loginFailures >= MAX_LOGIN_FAILURES, failures: u.loginFailures },
        serial: contract.otpForm === 'shared' ? shared : (byUser.get(u.loginId) ?? null),
        lastOtpAtMs: lastOtp.get(u.loginId) ?? null,
      })),
      tokens: await tx.lifecycle.tokensOf(contractId),
      recentAudit: await tx.lifecycle.searchAudit({ chain: contractId, limit: RECENT_AUDIT_ENTRIES, offset: 0 }),
    };
  });
}
