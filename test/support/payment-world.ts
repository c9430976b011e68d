// A world for payment tests, on top of setupWorld: one contract with users, an account of ¥1,000,000 and
// limits, helpers to register tokens the way the administrator does (then the clock moves one step, so that
// the registration's code is not the payment's), and to prepare and authorise payments.

import type { AuthoriseOutcome, PaymentProof } from '../../src/domain/authorise-payment.ts';
import { authorisePayment } from '../../src/domain/authorise-payment.ts';
import { openAccount, setTransferLimits } from '../../src/domain/ledger.ts';
import type { PayEasyDetails, TransferDetails } from '../../src/domain/payment-details.ts';
import { preparePayment, type Prepared } from '../../src/domain/prepare-payment.ts';
import { registerToken } from '../../src/domain/registration.ts';
import type { AuditEntry, LedgerEntryRecord } from '../../src/domain/store-ports.ts';
import { tokyoDate } from '../../src/domain/tokyo-date.ts';
import { PIN, setupWorld, WHO, type TokenHandle, type World } from './domain-setup.ts';

export const CONTRACT = '10000000001';
export const OPENING_BALANCE = 1_000_000n;
export const PER_PAYMENT_LIMIT = 500_000n;
export const DAILY_LIMIT = 800_000n;

export interface PaymentWorld extends World {
  readonly accountId: number;
  /** Registers `serial` (a new token issued to the contract) to the user, or to the contract when loginId is null. */
  register(loginId: string | null, serial: string): Promise<TokenHandle>;
  transfer(overrides?: Partial<TransferDetails>): TransferDetails;
  payEasy(overrides?: Partial<PayEasyDetails>): PayEasyDetails;
  prepare(loginId: string, amountYen?: bigint, details?: TransferDetails | PayEasyDetails): Promise<Prepared>;
  /** prepare, and fail the test unless it worked; returns the draft id. */
  draft(loginId: string, amountYen?: bigint, details?: TransferDetails | PayEasyDetails): Promise<string>;
  authorise(loginId: string, draftId: string, proof: PaymentProof): Promise<AuthoriseOutcome>;
  balance(): Promise<bigint>;
  history(): Promise<LedgerEntryRecord[]>;
  audit(): Promise<AuditEntry[]>;
  now(): number;
}

export async function setupPaymentWorld(users: readonly string[] = ['user01', 'user02'], url?: string): Promise<PaymentWorld> {
  const w = await setupWorld(url);
  await w.contract(CONTRACT);
  for (const u of users) await w.user(CONTRACT, u);
  const { deps } = w;
  const accountId = await deps.store.transaction(async (tx) => {
    const opened = await openAccount(tx, WHO, deps.now(), { contractId: CONTRACT, branchCode: '001', kind: 'futsu', number: '1234567', name: 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ', balanceYen: OPENING_BALANCE });
    if (!opened.ok) throw new Error(opened.code);
    await setTransferLimits(tx, WHO, deps.now(), { contractId: CONTRACT, perPaymentYen: PER_PAYMENT_LIMIT, dailyYen: DAILY_LIMIT });
    return opened.account.id;
  });
  const self: PaymentWorld = {
    ...w,
    accountId,
    async register(loginId, serial) {
      const token = await w.token(serial, { contractId: CONTRACT });
      const r = await registerToken(deps, WHO, { contractId: CONTRACT, form: loginId === null ? 'shared' : 'per_user', loginId, serial, otp: token.code(), confirmPin: PIN });
      if (!r.ok) throw new Error(`registration failed: ${r.code}`);
      w.advance(30_000);
      return token;
    },
    transfer: (o = {}) => ({ kind: 'transfer', bankCode: '0001', branchCode: '123', accountKind: 'futsu', accountNumber: '7654321', payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', transferDate: tokyoDate(deps.now()), ...o }),
    payEasy: (o = {}) => ({ kind: 'payeasy', billerNumber: '12345', customerNumber: '98765432109876543210', confirmationNumber: '123456', ...o }),
    prepare: (loginId, amountYen = 10_000n, details) =>
      preparePayment(deps, WHO, { contractId: CONTRACT, loginId }, { accountId, amountYen, details: details ?? self.transfer() }),
    async draft(loginId, amountYen, details) {
      const p = await self.prepare(loginId, amountYen, details);
      if (!p.ok) throw new Error(`prepare failed: ${p.code}`);
      return p.draft.id;
    },
    authorise: (loginId, draftId, proof) => authorisePayment(deps, WHO, { contractId: CONTRACT, loginId, draftId, proof }),
    balance: async () => (await deps.store.transaction((tx) => tx.accounts.get(accountId)))?.balanceYen ?? -1n,
    history: () => deps.store.transaction((tx) => tx.ledger.history(CONTRACT, 100)),
    audit: () => deps.store.transaction((tx) => tx.audit.entries(CONTRACT)),
    now: () => deps.now(),
  };
  return self;
}
