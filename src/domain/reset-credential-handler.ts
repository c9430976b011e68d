// 暗証番号再発行 through maker–checker: a reset of a customer's 暗証番号 never runs without a second staff
// member's approval (approval: 'required'). The new value and its slow hash are made before the approving
// transaction opens; the reset runs inside it; the one-time value goes back to the engine, which seals it for
// the requester alone (maker-checker.ts): the approver never sees it.

import type { ApprovalHandler } from './approval-handlers.ts';
import { CREDENTIAL_KINDS, type CredentialKind, type CredentialTarget } from './credential-target.ts';
import { fail } from './error-codes.ts';
import { prepareInitialValue, type PreparedInitialValue, resetCredentialIn } from './reset-credential.ts';

export const CREDENTIAL_LABELS: Readonly<Record<CredentialKind, string>> = {
  admin_password: 'ご契約先暗証番号',
  confirm_pin: 'ご契約先確認暗証番号',
  user_password: '利用者暗証番号',
  user_confirm_pin: '利用者確認暗証番号',
};

export function parseCredentialTarget(raw: unknown): CredentialTarget | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  const kind = CREDENTIAL_KINDS.find((k) => k === p.kind);
  if (typeof p.contractId !== 'string' || !/^\d{11}$/.test(p.contractId) || kind === undefined) return undefined;
  if (kind === 'admin_password' || kind === 'confirm_pin') return { kind, contractId: p.contractId };
  return typeof p.loginId === 'string' && /^[A-Za-z0-9]{1,30}$/.test(p.loginId) ? { kind, contractId: p.contractId, loginId: p.loginId } : undefined;
}

export function describeCredentialTarget(t: CredentialTarget): string {
  const whose = 'loginId' in t ? `ご契約先ID ${t.contractId} 利用者ID ${t.loginId}` : `ご契約先ID ${t.contractId}`;
  return `${whose} の${CREDENTIAL_LABELS[t.kind]}`;
}

export const resetCredentialHandler: ApprovalHandler<CredentialTarget, PreparedInitialValue> = {
  label: '暗証番号再発行',
  approval: 'required',
  parse: parseCredentialTarget,
  chainOf: (t) => t.contractId,
  describe: describeCredentialTarget,
  async check(tx, t) {
    if ((await tx.contracts.get(t.contractId)) === undefined) return fail('contract_not_found', 'contractId');
    if ('loginId' in t && (await tx.users.get(t.contractId, t.loginId)) === undefined) return fail('user_not_found', 'loginId');
    return { ok: true, params: t };
  },
  prepare: (deps) => prepareInitialValue(deps),
  async run(tx, who, nowMs, target, prepared) {
    const reset = await resetCredentialIn(tx, nowMs, who, target, prepared);
    return reset.ok ? { ok: true, outcome: 'reset', oneTimeSecret: reset.initialValue } : reset;
  },
};
