// The embedded ledger (product.md §5): each contract's accounts and balances, its transfer limits, and the
// debits of its payments. The bank opens accounts and sets limits; only an authorised payment debits.

import { appendAudit } from './audit.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { DEFAULT_DAILY_LIMIT_YEN, DEFAULT_PER_PAYMENT_LIMIT_YEN } from './payment-policy.ts';
import type { AccountRecord, NewAccount, StoreTx, TransferLimitsRecord } from './store-ports.ts';

export async function openAccount(tx: StoreTx, who: Actor, nowMs: number, account: Omit<NewAccount, 'createdAtMs'>): Promise<{ ok: true; account: AccountRecord } | Failure<'contract_not_found'>> {
  if ((await tx.contracts.get(account.contractId)) === undefined) return fail('contract_not_found', 'contractId');
  if (account.balanceYen < 0n) throw new RangeError('an opening balance cannot be negative');
  const opened = await tx.accounts.insert({ ...account, createdAtMs: nowMs });
  await appendAudit(tx, nowMs, {
    chain: account.contractId,
    ...who,
    action: 'account.open',
    target: String(opened.id),
    outcome: 'opened',
    detail: { branchCode: opened.branchCode, kind: opened.kind, number: opened.number, openingBalanceYen: opened.balanceYen.toString() },
  });
  return { ok: true, account: opened };
}

export async function setTransferLimits(tx: StoreTx, who: Actor, nowMs: number, limits: TransferLimitsRecord): Promise<{ ok: true } | Failure<'contract_not_found'>> {
  if ((await tx.contracts.get(limits.contractId)) === undefined) return fail('contract_not_found', 'contractId');
  if (limits.perPaymentYen <= 0n || limits.dailyYen <= 0n) throw new RangeError('limits must be positive');
  await tx.transferLimits.set(limits);
  await appendAudit(tx, nowMs, {
    chain: limits.contractId,
    ...who,
    action: 'limits.set',
    target: limits.contractId,
    outcome: 'set',
    detail: { perPaymentYen: limits.perPaymentYen.toString(), dailyYen: limits.dailyYen.toString() },
  });
  return { ok: true };
}

/** The contract's limits, or the cautious defaults when the bank has set none. */
export async function limitsOf(tx: StoreTx, contractId: string): Promise<TransferLimitsRecord> {
  return (await tx.transferLimits.get(contractId)) ?? { contractId, perPaymentYen: DEFAULT_PER_PAYMENT_LIMIT_YEN, dailyYen: DEFAULT_DAILY_LIMIT_YEN };
}
