// Small, valid ledger records for the conformance cases. Times are fixed dates, never the clock.
import type { NewAccount, NewPaymentDraft, LedgerEntryRecord } from '../../domain/store-ports.ts';
import { CONTRACT_ID, T0_MS } from './fixtures.ts';

export const DAY = '2025-01-06';

export function anAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  return { contractId: CONTRACT_ID, branchCode: '001', kind: 'futsu', number: '1234567', name: 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ', balanceYen: 10_000_000n, createdAtMs: T0_MS, ...overrides };
}

/** A draft id: 32 hex characters, as the domain makes them from 128 random bits. */
export function draftId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function aDraft(id: string, accountId: number, overrides: Partial<NewPaymentDraft> = {}): NewPaymentDraft {
  return {
    id,
    contractId: CONTRACT_ID,
    loginId: 'user01',
    kind: 'transfer',
    accountId,
    amountYen: 1000n,
    details: '{"kind":"transfer"}',
    createdAtMs: T0_MS,
    expiresAtMs: T0_MS + 300_000,
    ...overrides,
  };
}

export function anEntry(draft: string, accountId: number, overrides: Partial<Omit<LedgerEntryRecord, 'id'>> = {}): Omit<LedgerEntryRecord, 'id'> {
  return {
    accountId,
    contractId: CONTRACT_ID,
    draftId: draft,
    loginId: 'user01',
    kind: 'transfer',
    amountYen: 1000n,
    balanceAfterYen: 9_999_000n,
    description: '振込',
    atMs: T0_MS,
    ...overrides,
  };
}
