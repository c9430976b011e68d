// トークン失効 through maker–checker. Every revocation waits for a second staff member, whatever the token's
// status when it is asked for: a revocation is final and cannot be undone, a token issued but unregistered
// may be registered before anyone acts on the request (so a "stock only" shortcut decided at request time
// would not hold at execution), and one path is one thing to audit and test. The token's status is read
// again in the approving transaction (revokeTokenIn), so a token revoked meanwhile is reported as such.

import type { ApprovalHandler } from './approval-handlers.ts';
import { BANK_CHAIN } from './audit.ts';
import { fail } from './error-codes.ts';
import { LIVE_STATUSES, REVOCATION_KINDS, type RevocationKind, revokeTokenIn } from './lifecycle/revoke-token.ts';

export interface RevocationParams {
  readonly serial: string;
  readonly kind: RevocationKind;
  /** The contract the token was issued to when asked (its audit chain); null for a token in stock. */
  readonly contractId: string | null;
}

export const REVOCATION_LABELS: Readonly<Record<RevocationKind, string>> = { lost: '紛失', broken: '故障', stolen: '盗難' };

export function parseRevocation(raw: unknown): RevocationParams | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  const kind = REVOCATION_KINDS.find((k) => k === p.kind);
  if (typeof p.serial !== 'string' || !/^[A-Za-z0-9]{1,32}$/.test(p.serial) || kind === undefined) return undefined;
  const contractId = p.contractId === undefined || p.contractId === null ? null : p.contractId;
  if (contractId !== null && (typeof contractId !== 'string' || !/^\d{11}$/.test(contractId))) return undefined;
  return { serial: p.serial, kind, contractId };
}

export const revokeTokenHandler: ApprovalHandler<RevocationParams> = {
  label: 'トークン失効',
  approval: 'required',
  parse: parseRevocation,
  chainOf: (p) => p.contractId ?? BANK_CHAIN,
  describe: (p) => `シリアル番号 ${p.serial} のトークン（${REVOCATION_LABELS[p.kind]}）${p.contractId === null ? '（在庫）' : `、ご契約先ID ${p.contractId}`}`,
  async check(tx, p) {
    const token = await tx.tokens.get(p.serial);
    if (token === undefined) return fail('token_not_found', 'serial');
    if (!LIVE_STATUSES.includes(token.status)) return fail('token_final', 'serial');
    return { ok: true, params: { serial: p.serial, kind: p.kind, contractId: token.contractId } };
  },
  async run(tx, who, nowMs, p) {
    const revoked = await revokeTokenIn(tx, nowMs, who, { serial: p.serial, kind: p.kind });
    return revoked.ok ? { ok: true, outcome: revoked.status } : revoked;
  },
};
