// The bank's 取引認証 policy: whether a 資金移動 must be signed with the bizotp app (signing-challenge.ts). The
// bank changes it, never a customer; every change is audited on the bank chain with the staff member and the
// 理由, with the old and the new policy, in the transaction that changes it. Off until the bank turns it on.

import { appendAudit, BANK_CHAIN } from './audit.ts';
import { MAX_AMOUNT_DIGITS } from './payment-policy.ts';
import { staffDetail, type StaffActor } from './staff-actor.ts';
import type { StoreTx } from './store-ports.ts';
import type { DomainDeps } from './deps.ts';
import type { TransactionAuthPolicy, TransactionAuthPolicyRecord } from './transaction-auth-ports.ts';

export type { TransactionAuthPolicy } from './transaction-auth-ports.ts';

export const TRANSACTION_AUTH_MODES = ['off', 'all', 'above'] as const;

/** The policy from its parts (CLI words, form fields or stored JSON); undefined when they do not make one. */
export function parseTransactionAuthPolicy(mode: unknown, thresholdYen?: unknown): TransactionAuthPolicy | undefined {
  if (mode === 'off' || mode === 'all') return thresholdYen === undefined || thresholdYen === '' || thresholdYen === null ? { mode } : undefined;
  if (mode !== 'above' || typeof thresholdYen !== 'string') return undefined;
  const digits = thresholdYen.replace(/,(?=\d{3}(?:,|$))/g, '');
  if (!/^\d+$/.test(digits) || digits.replace(/^0+(?=\d)/, '').length > MAX_AMOUNT_DIGITS) return undefined;
  return { mode, thresholdYen: BigInt(digits) };
}

/** The policy as stored in an approval request's parameters (JSON has no bigint). */
export function policyParams(policy: TransactionAuthPolicy): { readonly mode: string; readonly thresholdYen?: string } {
  return policy.mode === 'above' ? { mode: policy.mode, thresholdYen: policy.thresholdYen.toString() } : { mode: policy.mode };
}

function yen(amount: bigint): string {
  return `${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}

/** How staff read it, in the console, the approval list and the CLI. */
export function describeTransactionAuthPolicy(policy: TransactionAuthPolicy): string {
  if (policy.mode === 'off') return '取引認証を使用しない';
  if (policy.mode === 'all') return 'すべての資金移動で取引認証を使用する';
  return `${yen(policy.thresholdYen)}を超える資金移動で取引認証を使用する`;
}

function auditText(policy: TransactionAuthPolicy): string {
  return policy.mode === 'above' ? `above:${policy.thresholdYen.toString()}` : policy.mode;
}

/** Sets the policy; 'unchanged' when it already was this one (still audited: the staff member asked for it). */
export async function setTransactionAuthPolicy(tx: StoreTx, who: StaffActor, nowMs: number, policy: TransactionAuthPolicy): Promise<'changed' | 'unchanged'> {
  const before = (await tx.transactionAuth.policy()).policy;
  const outcome = auditText(before) === auditText(policy) ? 'unchanged' : 'changed';
  if (outcome === 'changed') await tx.transactionAuth.setPolicy(policy, nowMs, who.actor);
  await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'policy.transaction_auth', target: 'transaction_auth', outcome, detail: { ...staffDetail(who), from: auditText(before), to: auditText(policy) } });
  return outcome;
}

/** The policy as it is now, with when and by whom it was last set. */
export function currentTransactionAuthPolicy(deps: Pick<DomainDeps, 'store'>): Promise<TransactionAuthPolicyRecord> {
  return deps.store.transaction((tx) => tx.transactionAuth.policy());
}

/** A staff member's change, alone (the CLI's `policy transaction-auth`), in one transaction with its audit entry. */
export function changeTransactionAuthPolicy(deps: DomainDeps, who: StaffActor, policy: TransactionAuthPolicy): Promise<'changed' | 'unchanged'> {
  return deps.store.transaction((tx) => setTransactionAuthPolicy(tx, who, deps.now(), policy));
}
